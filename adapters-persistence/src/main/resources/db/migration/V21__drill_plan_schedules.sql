-- Drill schedules (issue 22): the drill scheduler reads the schedule of every enabled plan that has one, and from
-- when it applies, without decoding the plans' whole states.
ALTER TABLE drill_plan_view ADD COLUMN schedule JSON;
ALTER TABLE drill_plan_view ADD COLUMN schedule_since TIMESTAMPTZ;
UPDATE drill_plan_view SET schedule = (state -> 'versions') -> -1 -> 'schedule',
    schedule_since = coalesce(state ->> 'scheduleSince', state ->> 'createdAt')::timestamptz;
CREATE INDEX drill_plan_view_scheduled ON drill_plan_view (drill_plan_id) WHERE enabled AND scheduled;

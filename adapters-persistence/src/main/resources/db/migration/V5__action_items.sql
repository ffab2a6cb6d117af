-- Action items (issue 6): the action item read model, fed by the action-item-list projection and rebuilt
-- from the event log by replaying it. last_position makes applying an event idempotent.
CREATE TABLE action_item_view (
    action_item_id   UUID        PRIMARY KEY,
    tenant_id        TEXT        NOT NULL,
    title            TEXT        NOT NULL,
    owner            TEXT        NOT NULL,
    due_date         DATE        NOT NULL,
    priority         TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    incident_id      UUID,
    -- whether the current due date was already recorded overdue / reminded (the reminder job skips those)
    overdue_recorded BOOLEAN     NOT NULL,
    reminded         BOOLEAN     NOT NULL,
    state            JSON        NOT NULL,
    last_position    BIGINT      NOT NULL
);

CREATE INDEX action_item_view_page ON action_item_view (tenant_id, due_date, action_item_id);
CREATE INDEX action_item_view_owner ON action_item_view (tenant_id, owner);
CREATE INDEX action_item_view_incident ON action_item_view (tenant_id, incident_id) WHERE incident_id IS NOT NULL;
-- The reminder job's candidates: open items by due date.
CREATE INDEX action_item_view_open_due ON action_item_view (due_date, action_item_id)
    WHERE status IN ('NOT_STARTED', 'IN_PROGRESS', 'BLOCKED');

-- Drill run scores (issue 22): a run is given turns by the drill runner while it runs and until it is scored.
ALTER TABLE drill_run_view ADD COLUMN scored BOOLEAN NOT NULL DEFAULT false;
UPDATE drill_run_view SET scored = json_array_length(coalesce(state -> 'scores', '[]'::json)) > 0;
DROP INDEX drill_run_view_running;
CREATE INDEX drill_run_view_turns ON drill_run_view (started_at) WHERE status = 'RUNNING' OR NOT scored;

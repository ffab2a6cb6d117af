-- Drill metrics (issue 22): what the metrics summary and the exported gauges count per run, as columns.
ALTER TABLE drill_run_view ADD COLUMN score_total DOUBLE PRECISION;
ALTER TABLE drill_run_view ADD COLUMN reviewed_at TIMESTAMPTZ;
ALTER TABLE drill_run_view ADD COLUMN findings INTEGER NOT NULL DEFAULT 0;
ALTER TABLE drill_run_view ADD COLUMN findings_with_items INTEGER NOT NULL DEFAULT 0;
UPDATE drill_run_view SET
    score_total = CASE WHEN json_array_length(coalesce(state -> 'scores', '[]'::json)) > 0
        THEN ((state -> 'scores') -> 0 ->> 'total')::float8 END,
    reviewed_at = (state -> 'review' ->> 'reviewedAt')::timestamptz,
    findings = coalesce(json_array_length(state -> 'review' -> 'findings'), 0),
    findings_with_items = coalesce((SELECT count(*) FROM json_array_elements(state -> 'review' -> 'findings') f
                                    WHERE f ->> 'actionItemId' IS NOT NULL), 0);
CREATE INDEX drill_run_view_ended ON drill_run_view (tenant_id, ended_at) WHERE ended_at IS NOT NULL;

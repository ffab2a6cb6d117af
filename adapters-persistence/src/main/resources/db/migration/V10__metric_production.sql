-- One definition of the incidents that count in production figures (issue 19): not a drill, and not closed as
-- a duplicate. The statements that need it read this column instead of restating the rule: the incident an
-- incident repeats and the recurrences listed, the DETECTED day rollups (incident counts, recurrence gaps,
-- response targets) and the monitoring gauges (open incidents, response time histograms). Generated, so that
-- every row has it and no row can disagree with its drill flag and status. Adding it rewrites incident_metrics
-- once.
ALTER TABLE incident_metrics ADD COLUMN production BOOLEAN NOT NULL
    GENERATED ALWAYS AS (NOT drill AND status <> 'DUPLICATE') STORED;
ANALYZE incident_metrics (production);

-- Jobs that must run once per period across all instances (issue 20): the instance that inserts a period's row runs
-- it; an unfinished run whose instance stopped renewing its claim is taken over. Old rows are purged with the data.
CREATE TABLE job_run (
    job          TEXT        NOT NULL,
    period_start TIMESTAMPTZ NOT NULL,
    node         TEXT        NOT NULL,
    claimed_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    finished_at  TIMESTAMPTZ,
    outcome      TEXT,
    PRIMARY KEY (job, period_start)
);

-- The purge of alert state finds resolved alerts by age.
CREATE INDEX alert_state_resolved ON alert_state (updated_at) WHERE status = 'RESOLVED';

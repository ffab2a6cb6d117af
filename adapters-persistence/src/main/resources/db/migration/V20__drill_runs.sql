-- Drill runs (issue 22): run numbers DR-YYYY-NNNN per tenant and year, and the drill run read model, fed by the
-- drill-run-list projection and rebuilt from the event log by replaying it.
CREATE TABLE drill_run_number_sequence (
    tenant_id  TEXT    NOT NULL,
    year       INTEGER NOT NULL,
    last_value BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, year)
);

CREATE TABLE drill_run_view (
    drill_run_id   UUID        PRIMARY KEY,
    tenant_id      TEXT        NOT NULL,
    drill_plan_id  UUID        NOT NULL,
    number         TEXT        NOT NULL,
    service        TEXT        NOT NULL,
    -- RUNNING, PASSED, FAILED or ABORTED
    status         TEXT        NOT NULL,
    started_at     TIMESTAMPTZ NOT NULL,
    ended_at       TIMESTAMPTZ,
    state          JSON        NOT NULL,
    last_position  BIGINT      NOT NULL
);

CREATE INDEX drill_run_view_page ON drill_run_view (tenant_id, started_at DESC, drill_run_id DESC);
CREATE INDEX drill_run_view_plan ON drill_run_view (tenant_id, drill_plan_id, started_at DESC);
-- The runner's candidates: runs that have not ended.
CREATE INDEX drill_run_view_running ON drill_run_view (started_at) WHERE status = 'RUNNING';

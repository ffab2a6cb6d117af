-- Drill plans (issue 22): the drill plan read model, fed by the drill-plan-list projection and rebuilt from the
-- event log by replaying it. last_position makes applying an event idempotent.
CREATE TABLE drill_plan_view (
    drill_plan_id  UUID        PRIMARY KEY,
    tenant_id      TEXT        NOT NULL,
    name           TEXT        NOT NULL,
    service        TEXT        NOT NULL,
    owner          TEXT        NOT NULL,
    enabled        BOOLEAN     NOT NULL,
    plan_version   INTEGER     NOT NULL,
    scheduled      BOOLEAN     NOT NULL,
    state          JSON        NOT NULL,
    last_position  BIGINT      NOT NULL
);

CREATE INDEX drill_plan_view_page ON drill_plan_view (tenant_id, name, drill_plan_id);
CREATE INDEX drill_plan_view_service ON drill_plan_view (tenant_id, service);

-- Reliability metrics (issue 7): the incident metrics read model, fed by the incident-metrics projection
-- and rebuilt from the event log by replaying it; and the action item instants the metrics need.
CREATE TABLE incident_metrics (
    incident_id     UUID        PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    number          TEXT        NOT NULL,
    severity        TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    services        TEXT[]      NOT NULL,
    drill           BOOLEAN     NOT NULL,
    detected_at     TIMESTAMPTZ NOT NULL,
    declared_at     TIMESTAMPTZ NOT NULL,
    acknowledged_at TIMESTAMPTZ,
    mitigated_at    TIMESTAMPTZ,
    resolved_at     TIMESTAMPTZ,
    reviewed_at     TIMESTAMPTZ,
    -- <integration id>/<grouping key> of every alert the incident received
    grouping_keys   TEXT[]      NOT NULL,
    state           JSON        NOT NULL,
    last_position   BIGINT      NOT NULL
);

CREATE INDEX incident_metrics_detected ON incident_metrics (tenant_id, detected_at);
CREATE INDEX incident_metrics_acknowledged ON incident_metrics (tenant_id, acknowledged_at) WHERE acknowledged_at IS NOT NULL;
CREATE INDEX incident_metrics_mitigated ON incident_metrics (tenant_id, mitigated_at) WHERE mitigated_at IS NOT NULL;
CREATE INDEX incident_metrics_resolved ON incident_metrics (tenant_id, resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX incident_metrics_reviewed ON incident_metrics (tenant_id, reviewed_at) WHERE reviewed_at IS NOT NULL;
CREATE INDEX incident_metrics_services ON incident_metrics USING GIN (services);
CREATE INDEX incident_metrics_keys ON incident_metrics USING GIN (grouping_keys);
-- Open incidents, for the monitoring gauges.
CREATE INDEX incident_metrics_open ON incident_metrics (tenant_id, severity) WHERE status IN ('DETECTED', 'MITIGATING');

ALTER TABLE action_item_view ADD COLUMN created_at TIMESTAMPTZ;
ALTER TABLE action_item_view ADD COLUMN completed_at TIMESTAMPTZ;
UPDATE action_item_view SET created_at = (state ->> 'createdAt')::timestamptz,
                            completed_at = (state ->> 'completedAt')::timestamptz;
ALTER TABLE action_item_view ALTER COLUMN created_at SET NOT NULL;
CREATE INDEX action_item_view_created ON action_item_view (tenant_id, created_at);

-- Alert integrations, and the alert grouping processor's memory (see AlertGroups).

CREATE TABLE integration (
    integration_id uuid PRIMARY KEY,
    tenant_id      text        NOT NULL,
    settings       json        NOT NULL,   -- json, not jsonb: keeps the severity mapping in the order given
    secret_hash    text        NOT NULL,   -- never the secret: a SHA-256 digest of it
    secret_sealed  text,                   -- signing keys only: AES-256-GCM under the operator's key
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    version        bigint      NOT NULL,
    deleted_at     timestamptz
);

CREATE INDEX integration_by_tenant ON integration (tenant_id, created_at) WHERE deleted_at IS NULL;

-- Which incident a grouping key of an integration currently feeds. Keys can be long (Alertmanager group
-- keys hold the route and the label set), so rows are keyed by a SHA-256 digest of the key.
CREATE TABLE alert_group (
    integration_id uuid        NOT NULL,
    key_digest     text        NOT NULL,
    grouping_key   text        NOT NULL,
    tenant_id      text        NOT NULL,
    incident_id    uuid,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (integration_id, key_digest)
);

-- What is known of each alert fingerprint of an integration: its occurrence, status and incident.
CREATE TABLE alert_state (
    integration_id uuid        NOT NULL,
    fingerprint    text        NOT NULL,
    tenant_id      text        NOT NULL,
    grouping_key   text        NOT NULL,
    starts_at      timestamptz NOT NULL,
    status         text        NOT NULL,
    incident_id    uuid,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (integration_id, fingerprint)
);

CREATE INDEX alert_state_recent ON alert_state (integration_id, updated_at DESC);

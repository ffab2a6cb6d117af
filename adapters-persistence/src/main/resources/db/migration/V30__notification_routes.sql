-- Notification routes (issue 25): which notices reach which channel, through Hibernate Reactive with Panache. types
-- and services are comma-separated lists (notice types' wire names; service names, which hold no comma).

CREATE TABLE notification_route (
    route_id     UUID        PRIMARY KEY,
    tenant_id    TEXT        NOT NULL REFERENCES tenant (tenant_id),
    name         TEXT        NOT NULL,
    channel_id   UUID        NOT NULL REFERENCES notification_channel (channel_id),
    types        TEXT        NOT NULL,
    min_severity TEXT,
    services     TEXT        NOT NULL,
    traffic      TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    version      BIGINT      NOT NULL
);

CREATE INDEX notification_route_tenant ON notification_route (tenant_id, created_at);

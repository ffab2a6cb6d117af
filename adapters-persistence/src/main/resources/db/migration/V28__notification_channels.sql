-- Notification channels (issue 25): configuration entities kept outside the event log, read and written through
-- Hibernate Reactive with Panache. The destination URL (most vendors' credential) and the signing secret are sealed
-- with the operator's secrets key; only the host is kept in the clear. A deleted channel keeps its row without them.

CREATE TABLE notification_channel (
    channel_id         UUID        PRIMARY KEY,
    tenant_id          TEXT        NOT NULL REFERENCES tenant (tenant_id),
    name               TEXT        NOT NULL,
    kind               TEXT        NOT NULL,
    language           TEXT        NOT NULL,
    drills             BOOLEAN     NOT NULL,
    destination_host   TEXT        NOT NULL,
    destination_sealed TEXT,
    secret_sealed      TEXT,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    version            BIGINT      NOT NULL,
    deleted_at         TIMESTAMPTZ
);

CREATE INDEX notification_channel_tenant ON notification_channel (tenant_id, created_at) WHERE deleted_at IS NULL;

-- The notification outbox (issue 25): one row per message (a fact for a channel), queued by the notification feed and
-- worked by every instance through claims; and the delivery log, one row per attempt. seq orders the messages of one
-- key (an incident) to one channel: only the oldest pending one of a key is due.

CREATE TABLE notification_outbox (
    message_id      TEXT        PRIMARY KEY,
    seq             BIGSERIAL   NOT NULL,
    tenant_id       TEXT        NOT NULL,
    channel_id      UUID        NOT NULL,
    ordering_key    TEXT        NOT NULL,
    type            TEXT        NOT NULL,
    title           TEXT        NOT NULL,
    message         JSONB       NOT NULL,
    status          TEXT        NOT NULL,
    attempts        INT         NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    claimed_until   TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL,
    since           TIMESTAMPTZ NOT NULL,
    delivered_at    TIMESTAMPTZ,
    dead_reason     TEXT
);

CREATE INDEX notification_outbox_heads ON notification_outbox (channel_id, ordering_key, seq) WHERE status = 'PENDING';
CREATE INDEX notification_outbox_tenant ON notification_outbox (tenant_id, seq DESC);

CREATE TABLE notification_attempt (
    message_id  TEXT        NOT NULL REFERENCES notification_outbox (message_id),
    number      INT         NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    accepted    BOOLEAN     NOT NULL,
    status      INT         NOT NULL,
    vendor_code TEXT,
    detail      TEXT,
    latency_ms  BIGINT      NOT NULL,
    PRIMARY KEY (message_id, number)
);

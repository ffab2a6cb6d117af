-- Incidents (issue 4): per-tenant incident numbers, the incident list read model, and the responses
-- remembered for Idempotency-Key.

-- The last number handed out per tenant and year (INC-2026-0042 is year 2026, value 42).
CREATE TABLE incident_number_sequence (
    tenant_id  TEXT    NOT NULL,
    year       INTEGER NOT NULL,
    last_value BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, year)
);

-- The incident list projection: one row per incident with its folded state, rebuilt from the event log
-- by replaying it. last_position makes applying an event idempotent.
CREATE TABLE incident_list_view (
    incident_id   UUID        PRIMARY KEY,
    tenant_id     TEXT        NOT NULL,
    number        TEXT        NOT NULL,
    title         TEXT        NOT NULL,
    summary       TEXT,
    severity      TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    services      TEXT[]      NOT NULL,
    drill         BOOLEAN     NOT NULL,
    detected_at   TIMESTAMPTZ NOT NULL,
    -- json, not jsonb: the text is kept as written, so map order (responders in joining order) survives
    state         JSON        NOT NULL,
    last_position BIGINT      NOT NULL
);

CREATE INDEX incident_list_view_page ON incident_list_view (tenant_id, detected_at DESC, incident_id DESC);
CREATE INDEX incident_list_view_services ON incident_list_view USING GIN (services);

-- Responses to requests sent with an Idempotency-Key, per tenant.
CREATE TABLE idempotency_record (
    tenant_id       TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,
    claimed_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    completed_at    TIMESTAMPTZ,
    status          INTEGER,
    content_type    TEXT,
    headers         JSONB,
    body            TEXT,
    PRIMARY KEY (tenant_id, idempotency_key)
);

CREATE INDEX idempotency_record_claimed ON idempotency_record (claimed_at);

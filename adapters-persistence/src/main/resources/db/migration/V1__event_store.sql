-- The event log: the timeline, the audit log and the source of every read model (DESIGN §3-4,
-- docs/adr/0001-event-store-ordering.md). Positions are assigned in commit order because every
-- append transaction holds the event-log advisory lock from before its first insert until commit.

CREATE TABLE event_store_event (
    position        BIGINT GENERATED ALWAYS AS IDENTITY (CACHE 1) PRIMARY KEY,
    event_id        TEXT        NOT NULL,
    type_name       TEXT        NOT NULL,
    type_version    TEXT        NOT NULL,
    payload         JSONB       NOT NULL,
    metadata        JSONB       NOT NULL,
    -- [{"key": "...", "value": "..."}, ...]: the tags that sourcing and append conditions match on
    tags            JSONB       NOT NULL,
    -- when the event message was created (Axon's timestamp)
    event_timestamp TIMESTAMPTZ NOT NULL,
    -- when the row was written
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    tenant_id       TEXT GENERATED ALWAYS AS (metadata ->> 'tenant') STORED,
    actor           TEXT GENERATED ALWAYS AS (metadata ->> 'actor') STORED,
    source          TEXT GENERATED ALWAYS AS (metadata ->> 'source') STORED,
    correlation_id  TEXT GENERATED ALWAYS AS (metadata ->> 'correlationId') STORED,
    causation_id    TEXT GENERATED ALWAYS AS (metadata ->> 'causationId') STORED,
    CONSTRAINT event_store_event_id_unique UNIQUE (event_id),
    CONSTRAINT event_store_event_tags_array CHECK (jsonb_typeof(tags) = 'array')
);

CREATE INDEX event_store_event_tags ON event_store_event USING GIN (tags jsonb_path_ops);
CREATE INDEX event_store_event_type ON event_store_event (type_name, position);
CREATE INDEX event_store_event_timestamp ON event_store_event (event_timestamp);
CREATE INDEX event_store_event_correlation ON event_store_event (correlation_id) WHERE correlation_id IS NOT NULL;
CREATE INDEX event_store_event_tenant ON event_store_event (tenant_id, position);

COMMENT ON TABLE event_store_event IS
    'Firedrill event log; append only through the application (positions must follow commit order)';

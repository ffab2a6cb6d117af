-- Events an event processor could not apply (issue 21): parked with their error so that the processor goes on
-- with every other subject instead of retrying one poisoned event forever. One row per processor and log
-- position. A subject with a parked event keeps its later events here too (waiting_behind names the parked event
-- ahead of them), so a row-per-subject read model never applies a later event before an earlier one. A retry
-- (POST /api/v1/admin/projections/{name}/parked/retry) re-applies a subject's rows in position order and deletes
-- those that apply. Keyed by processor name and global position, so the batched projection loop of ADR 0004 can
-- park into the same table. An operator may discard a parked event that can never apply
-- (POST .../parked/{position}/discard): its row stays, with who discarded it, when and why, and no longer counts,
-- holds its subject's later events or gets retried.
CREATE TABLE projection_parked_event (
    processor       TEXT        NOT NULL,
    position        BIGINT      NOT NULL,
    event_id        TEXT        NOT NULL,
    type_name       TEXT        NOT NULL,
    subject         TEXT        NOT NULL,
    tenant_id       TEXT,
    waiting_behind  BIGINT,
    error_class     TEXT,
    error_message   TEXT,
    attempts        INT         NOT NULL DEFAULT 1,
    first_parked_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    last_attempt_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    discarded_at    TIMESTAMPTZ,
    discarded_by    TEXT,
    discard_reason  TEXT,
    PRIMARY KEY (processor, position),
    CHECK ((discarded_at IS NULL) = (discarded_by IS NULL) AND (discarded_at IS NULL) = (discard_reason IS NULL)),
    CHECK ((waiting_behind IS NULL) = (error_class IS NOT NULL)),
    CHECK (waiting_behind IS NULL OR waiting_behind < position)
);
-- "Has this subject a parked event before position p?", asked for every event a processor handles.
CREATE INDEX projection_parked_event_subject ON projection_parked_event (processor, subject, position);

-- Status update cadence (issue 25): per incident, kept by the notification feed, when its last status update was posted
-- (or it was declared or reopened), its severity, whether it still runs, and how many intervals since then have been
-- reminded. fact_at is the recording time of the last fact applied: an older fact handled again changes nothing.

CREATE TABLE notification_update_cadence (
    incident_id      UUID        PRIMARY KEY,
    tenant_id        TEXT        NOT NULL,
    severity         TEXT        NOT NULL,
    active           BOOLEAN     NOT NULL,
    clock_from       TIMESTAMPTZ NOT NULL,
    reminded_through BIGINT      NOT NULL,
    fact_at          TIMESTAMPTZ NOT NULL
);

CREATE INDEX notification_update_cadence_running ON notification_update_cadence (clock_from) WHERE active;

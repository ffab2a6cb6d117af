-- Status update cadence (issue 25): per incident, kept by the notification feed from its facts, when its last status
-- update was recorded (or it was declared or reopened), its severity, whether it still runs, and the end of the last
-- interval reminded. facts counts the incident's facts the row reflects: a fact handled again changes nothing.

CREATE TABLE notification_update_cadence (
    incident_id UUID        PRIMARY KEY,
    tenant_id   TEXT        NOT NULL,
    severity    TEXT        NOT NULL,
    active      BOOLEAN     NOT NULL,
    clock_from  TIMESTAMPTZ NOT NULL,
    reminded_at TIMESTAMPTZ,
    facts       BIGINT      NOT NULL
);

CREATE INDEX notification_update_cadence_running ON notification_update_cadence (clock_from) WHERE active;

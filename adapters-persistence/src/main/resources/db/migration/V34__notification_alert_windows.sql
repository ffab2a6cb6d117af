-- Alerts joined (issue 25): the windows in which alerts joined an incident, recorded by the notification feed and
-- announced once each after they end (the count is read from the incident's history then).

CREATE TABLE notification_alert_window (
    incident_id  UUID        NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    tenant_id    TEXT        NOT NULL,
    announced    BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (incident_id, window_start)
);

CREATE INDEX notification_alert_window_due ON notification_alert_window (window_start) WHERE NOT announced;

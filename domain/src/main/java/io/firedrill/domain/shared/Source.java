package io.firedrill.domain.shared;

/** The channel through which a fact entered Firedrill; recorded with every event for the audit trail. */
public enum Source {
    /** A person or a client through the REST API or the web console. */
    API,
    /** An inbound alert webhook (Alertmanager, Grafana, generic). */
    WEBHOOK,
    /** Firedrill's own scheduled jobs (reminders, scheduled drills). */
    SCHEDULER,
    /** A drill run acting on its isolated targets. */
    DRILL
}

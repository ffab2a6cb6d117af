package io.firedrill.adapter.persistence.eventstore;

import io.firedrill.application.port.in.Unavailable;

/**
 * The event log's append lock was not granted within the database's {@code lock_timeout}: another transaction held it
 * (a frozen instance, a transaction writing to the log by hand). Nothing of the batch was written; the caller should
 * retry later (HTTP 503 with Retry-After).
 */
public class EventLogLockTimeout extends Unavailable {

    public EventLogLockTimeout(Throwable cause) {
        super("the event log's append lock was not granted in time (another transaction holds it); nothing was written", 2);
        initCause(cause);
    }
}

package io.firedrill.adapter.persistence.eventstore;

import io.firedrill.application.port.in.Unavailable;

/** The append queue is full: the caller should back off and retry later (HTTP 503 with Retry-After). */
public class EventLogOverloadedException extends Unavailable {

    public EventLogOverloadedException(int limit) {
        super("the event log's append queue is full (" + limit + " appends waiting)", 1);
    }
}

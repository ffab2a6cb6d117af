package io.firedrill.adapter.persistence.eventstore;

/**
 * An append was refused because an event matching its condition was stored after the position the
 * appender had read up to: appending would have lost an update.
 */
public class AppendConflictException extends RuntimeException {

    private final long marker;

    public AppendConflictException(long marker) {
        super("an event matching the append condition was stored after position " + marker);
        this.marker = marker;
    }

    public long marker() {
        return marker;
    }
}

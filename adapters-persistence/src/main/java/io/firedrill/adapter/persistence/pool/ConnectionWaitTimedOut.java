package io.firedrill.adapter.persistence.pool;

import io.firedrill.application.port.in.Unavailable;
import java.io.Serial;

/**
 * No pooled connection became free within the acquire timeout (every connection busy, or the database slow to
 * accept new ones): a fault, answered 503 with {@code Retry-After} like a full wait queue.
 */
public class ConnectionWaitTimedOut extends Unavailable {

    @Serial
    private static final long serialVersionUID = 1L;

    public ConnectionWaitTimedOut(long acquireTimeoutMs) {
        super("Timeout: no pooled database connection became free within " + acquireTimeoutMs + " ms", 1);
    }
}

package io.firedrill.adapter.persistence.pool;

import io.firedrill.application.port.in.Unavailable;
import java.io.Serial;
import java.time.Duration;

/**
 * The database did not answer a statement within the client-side deadline; the connection it ran on was
 * discarded. Whether a write in flight was applied is unknown to the caller (an append is atomic: it happened
 * entirely or not at all), so a client retries with the same {@code Idempotency-Key}. Answered 503.
 */
public class StatementDeadlineExceeded extends Unavailable {

    @Serial
    private static final long serialVersionUID = 1L;

    public StatementDeadlineExceeded(Duration deadline) {
        super("the database did not answer within the statement deadline of " + deadline.toMillis() + " ms", 2);
    }
}

package io.firedrill.application.requests;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an unfinished request's claim on its idempotency key lives without renewal: a setting. A running
 * request renews its claim a third of the lease after its last successful renewal, and retries a failed or late
 * one (past a quarter of the lease) after a short pause, so only a claim whose instance died (or could not renew
 * for two thirds of a lease) runs out, and a repeat may then take the key over.
 */
public record IdempotencyLease(Duration value) {

    /** Renewals cost a statement each; a lease shorter than this would renew faster than useful. */
    public static final Duration SHORTEST = Duration.ofSeconds(1);

    public IdempotencyLease {
        Objects.requireNonNull(value, "lease");
        if (value.compareTo(SHORTEST) < 0) {
            throw new IllegalArgumentException("the idempotency lease must be at least " + SHORTEST + ", not " + value);
        }
    }
}

package io.firedrill.application.requests;

import java.time.Duration;
import java.util.Objects;

/** After how long an unfinished request's idempotency key may be taken over by a repeat (its instance died): a setting. */
public record IdempotencyLease(Duration value) {

    public IdempotencyLease {
        Objects.requireNonNull(value, "lease");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("lease must be positive");
        }
    }
}

package io.firedrill.application.metrics;

import java.time.Duration;
import java.util.Objects;

/** How far back an earlier incident with the same grouping key makes an incident a recurrence (a setting). */
public record RecurrenceWindow(Duration value) {

    public RecurrenceWindow {
        Objects.requireNonNull(value, "recurrenceWindow");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("recurrenceWindow must be positive");
        }
    }
}

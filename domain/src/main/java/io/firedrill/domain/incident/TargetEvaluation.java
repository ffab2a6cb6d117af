package io.firedrill.domain.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * How an incident stands against its response targets at one instant.
 *
 * @param acknowledge the acknowledgement target's status
 * @param acknowledgeDeadline detection plus the acknowledge target of the current severity
 * @param resolve the resolution target's status
 * @param resolveDeadline detection plus the resolve target of the current severity
 */
public record TargetEvaluation(
        TargetStatus acknowledge,
        Instant acknowledgeDeadline,
        TargetStatus resolve,
        Instant resolveDeadline) {

    public TargetEvaluation {
        Objects.requireNonNull(acknowledge, "acknowledge");
        Objects.requireNonNull(acknowledgeDeadline, "acknowledgeDeadline");
        Objects.requireNonNull(resolve, "resolve");
        Objects.requireNonNull(resolveDeadline, "resolveDeadline");
    }
}

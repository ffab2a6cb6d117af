package io.firedrill.domain.drill;

import java.time.Instant;
import java.util.List;

/**
 * A drill run's review: its findings, what went well, and whether the score was confirmed or disputed (with a note).
 */
public record DrillReview(List<Finding> findings, List<String> wentWell, boolean scoreConfirmed, String scoreNote,
                          String reviewedBy, Instant reviewedAt) {

    public DrillReview {
        findings = List.copyOf(findings);
        wentWell = List.copyOf(wentWell);
    }
}

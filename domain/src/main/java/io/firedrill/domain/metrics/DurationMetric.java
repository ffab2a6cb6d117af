package io.firedrill.domain.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The duration metrics and every published version of their definitions. A figure always names the version
 * it was computed with; a new version never changes what an old one means, so figures stay comparable.
 */
public enum DurationMetric {

    TIME_TO_ACKNOWLEDGE("timeToAcknowledge", Milestone.ACKNOWLEDGED),
    TIME_TO_MITIGATE("timeToMitigate", Milestone.MITIGATED),
    TIME_TO_RESOLVE("timeToResolve", Milestone.RESOLVED),
    TIME_TO_REVIEW("timeToReview", Milestone.REVIEWED);

    private final String key;
    private final Milestone end;

    DurationMetric(String key, Milestone end) {
        this.key = key;
        this.end = end;
    }

    /** The key in the API ({@code timeToAcknowledge}). */
    public String key() {
        return key;
    }

    /** The milestone that ends the measured span; an incident counts in a period when it reached it then. */
    public Milestone end() {
        return end;
    }

    /** Every version of this metric's definition, oldest first. */
    public List<Definition> definitions() {
        return switch (this) {
            case TIME_TO_ACKNOWLEDGE, TIME_TO_MITIGATE, TIME_TO_RESOLVE -> List.of(
                    new Definition(this, 1, Milestone.DETECTED, end),
                    new Definition(this, 2, Milestone.DECLARED, end));
            case TIME_TO_REVIEW -> List.of(new Definition(this, 1, Milestone.RESOLVED, end));
        };
    }

    /** The definition used unless a tenant chose another: version 1. */
    public Definition defaultDefinition() {
        return definitions().getFirst();
    }

    /** The given version of this metric's definition, if it exists. */
    public Optional<Definition> definition(int version) {
        return definitions().stream().filter(d -> d.version() == version).findFirst();
    }

    /** The metric with this API key. */
    public static Optional<DurationMetric> ofKey(String key) {
        return Arrays.stream(values()).filter(metric -> metric.key.equals(key)).findFirst();
    }

    /**
     * One version of a duration metric's definition: {@code to − from} for every incident that reached
     * {@code to} in the period, excluding drills (reported separately) and incidents closed as duplicates.
     */
    public record Definition(DurationMetric metric, int version, Milestone from, Milestone to) {

        /** The formula as the API and the docs show it, e.g. {@code resolvedAt − detectedAt}. */
        public String formula() {
            return field(to) + " − " + field(from);
        }

        private static String field(Milestone milestone) {
            return switch (milestone) {
                case DETECTED -> "detectedAt";
                case DECLARED -> "declaredAt";
                case ACKNOWLEDGED -> "acknowledgedAt";
                case MITIGATED -> "mitigatedAt";
                case RESOLVED -> "resolvedAt";
                case REVIEWED -> "reviewedAt";
            };
        }
    }
}

package io.firedrill.domain.incident;

/**
 * The instants of an incident that can be corrected later, in their required order: detected, then
 * acknowledged, then mitigation started, then resolved.
 */
public enum TimedMilestone {
    /** When the problem was detected ({@link Incident#detectedAt()}). */
    DETECTED,
    /** When a responder acknowledged it ({@link Incident#acknowledgedAt()}). */
    ACKNOWLEDGED,
    /** When mitigation started ({@link Incident#mitigatedAt()}). */
    MITIGATED,
    /** When customer impact ended, the latest resolution ({@link Incident#resolvedAt()}). */
    RESOLVED
}

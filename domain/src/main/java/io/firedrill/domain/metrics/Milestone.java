package io.firedrill.domain.metrics;

/** The instants of an incident that metric definitions measure between. */
public enum Milestone {
    /** When the problem was detected (corrections applied). */
    DETECTED,
    /** When the incident was declared in Firedrill. */
    DECLARED,
    /** The earliest acknowledgement (corrections applied). */
    ACKNOWLEDGED,
    /** When mitigation first started (corrections applied). */
    MITIGATED,
    /** The latest resolution (corrections applied; a reopened incident has none until it resolves again). */
    RESOLVED,
    /** When the incident was marked reviewed by publishing its postmortem. */
    REVIEWED
}

package io.firedrill.domain.incident;

/** Why an alert was joined to an incident; the timeline shows it so that reviewers can see why. */
public enum GroupingDecision {
    /** No open incident had the alert's grouping key, so the alert opened this one. */
    OPENED_INCIDENT,
    /** This incident was open under the alert's grouping key. */
    JOINED_BY_KEY,
    /** The alert resolves a firing alert this incident holds (same fingerprint). */
    MATCHED_BY_FINGERPRINT
}

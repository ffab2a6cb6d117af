package io.firedrill.domain.incident;

/** Why an alert was joined to an incident; the timeline shows it so that reviewers can see why. */
public enum GroupingDecision {
    /** No open incident had the alert's grouping key, so the alert opened this one. */
    OPENED_INCIDENT,
    /** This incident was open under the alert's grouping key. */
    JOINED_BY_KEY,
    /** The alert is a resolution of an alert this incident already holds (same fingerprint and start). */
    MATCHED_BY_FINGERPRINT
}

package io.firedrill.domain.incident;

/** How an incident stands against one response target. */
public enum TargetStatus {
    /** The milestone happened at or before the deadline. */
    MET,
    /** The milestone happened after the deadline, or the deadline passed without it. */
    MISSED,
    /** The milestone has not happened and the deadline has not passed yet. */
    RUNNING
}

package io.firedrill.domain.shared;

/** How bad an incident is; {@code P0} is the most severe. */
public enum Severity {
    /** Critical: a core service is down for many customers. */
    P0,
    /** Major: a core service is badly degraded. */
    P1,
    /** Minor: limited impact or a workaround exists. */
    P2,
    /** Low: little customer impact. */
    P3;

    /** Whether this severity is more severe than {@code other} (P0 is higher than P1). */
    public boolean isHigherThan(Severity other) {
        return ordinal() < other.ordinal();
    }

    /** Whether this severity is less severe than {@code other}. */
    public boolean isLowerThan(Severity other) {
        return ordinal() > other.ordinal();
    }
}

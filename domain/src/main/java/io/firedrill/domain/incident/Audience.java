package io.firedrill.domain.incident;

/** Who a status update is for. */
public enum Audience {
    /** Colleagues and stakeholders inside the organisation. */
    INTERNAL,
    /** Customers, for example on a status page. */
    EXTERNAL
}

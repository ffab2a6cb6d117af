package io.firedrill.domain.postmortem;

/** When a planned action is meant to land. */
public enum Horizon {
    IMMEDIATE, SHORT_TERM, LONG_TERM
}

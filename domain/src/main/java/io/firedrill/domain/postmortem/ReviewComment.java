package io.firedrill.domain.postmortem;

import java.time.Instant;

/**
 * A reviewer's verdict on a submitted postmortem.
 *
 * @param by the reviewer's name
 * @param comment optional for an approval, required for a request for changes
 */
public record ReviewComment(String by, Kind kind, String comment, Instant at) {

    /** What the reviewer decided. */
    public enum Kind { APPROVED, CHANGES_REQUESTED }
}

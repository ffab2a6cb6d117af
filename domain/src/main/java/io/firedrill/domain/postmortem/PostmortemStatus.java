package io.firedrill.domain.postmortem;

/** Where a postmortem is in its review: DRAFT → IN_REVIEW → PUBLISHED, and back to DRAFT on request. */
public enum PostmortemStatus {
    /** Being written; the only status in which sections can be edited. */
    DRAFT,
    /** Submitted; reviewers approve it or request changes. */
    IN_REVIEW,
    /** Final; nothing changes any more. */
    PUBLISHED
}

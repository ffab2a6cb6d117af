package io.firedrill.domain.postmortem;

import io.firedrill.domain.incident.IncidentId;
import java.time.Instant;
import java.util.List;

/**
 * The state of a postmortem: the fold of its events ({@link PostmortemDecider#fold}).
 *
 * @param id the identity; {@code null} only in {@link #EMPTY}
 * @param incidentId the incident it reviews
 * @param prefill what was derived from the incident's events, as of the draft or the latest refresh
 * @param sections what people wrote
 * @param submittedBy who submitted the current review round; {@code null} while drafting
 * @param approvals the names of the reviewers who approved the current round, in order
 * @param reviewComments every verdict of every round, in order
 * @param lastWarnings the blameless check's warnings of the latest submission
 * @param createdAt when it was drafted
 * @param publishedAt when it was published
 * @param version how many events were folded into this state
 */
public record Postmortem(
        PostmortemId id,
        IncidentId incidentId,
        PostmortemStatus status,
        Prefill prefill,
        Sections sections,
        String submittedBy,
        List<String> approvals,
        List<ReviewComment> reviewComments,
        List<BlamelessWarning> lastWarnings,
        Instant createdAt,
        Instant publishedAt,
        long version) {

    /** Nothing has been drafted under this id. */
    public static final Postmortem EMPTY = new Postmortem(null, null, null, null, Sections.EMPTY, null, List.of(),
            List.of(), List.of(), null, null, 0);

    public Postmortem {
        sections = sections == null ? Sections.EMPTY : sections;
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        reviewComments = reviewComments == null ? List.of() : List.copyOf(reviewComments);
        lastWarnings = lastWarnings == null ? List.of() : List.copyOf(lastWarnings);
    }

    /** Whether a postmortem has been drafted under this id. */
    public boolean drafted() {
        return id != null;
    }
}

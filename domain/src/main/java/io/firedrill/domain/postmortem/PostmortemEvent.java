package io.firedrill.domain.postmortem;

import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.Actor;
import java.time.Instant;
import java.util.List;

/**
 * The facts of a postmortem's life; replaying them gives its state and its history of edits and reviews.
 * Their stored names and versions are declared once by the postmortem slice's table
 * ({@code PostmortemSlice.EVENTS}), never derived from the class, so moving a class cannot rename history.
 */
public sealed interface PostmortemEvent {

    PostmortemId postmortemId();

    /** Who caused it. */
    Actor by();

    /** When it happened. */
    Instant occurredAt();

    /** A draft postmortem was created for a recovered incident, pre-filled from its events. */
    record PostmortemDrafted(PostmortemId postmortemId, Actor by, IncidentId incidentId, Prefill prefill,
                             Instant occurredAt) implements PostmortemEvent {
    }

    /** The pre-filled part was derived again from the incident's events (after late facts). */
    record PrefillRefreshed(PostmortemId postmortemId, Actor by, Prefill prefill, Instant occurredAt)
            implements PostmortemEvent {
    }

    /** Someone rewrote sections; {@code patch} holds only the sections that changed, each as it now reads. */
    record PostmortemEdited(PostmortemId postmortemId, Actor by, SectionsPatch patch, Instant occurredAt)
            implements PostmortemEvent {
    }

    /** The draft was submitted for review; {@code warnings} are the blameless check's findings then. */
    record SubmittedForReview(PostmortemId postmortemId, Actor by, List<BlamelessWarning> warnings,
                              Instant occurredAt) implements PostmortemEvent {

        public SubmittedForReview {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }

    /** A reviewer approved the submitted postmortem, optionally with a comment. */
    record PostmortemApproved(PostmortemId postmortemId, Actor by, String comment, Instant occurredAt)
            implements PostmortemEvent {
    }

    /** A reviewer asked for changes; the postmortem went back to draft and its approvals lapsed. */
    record ChangesRequested(PostmortemId postmortemId, Actor by, String comment, Instant occurredAt)
            implements PostmortemEvent {
    }

    /** The approved postmortem was published; it is final. */
    record PostmortemPublished(PostmortemId postmortemId, Actor by, Instant occurredAt) implements PostmortemEvent {
    }
}

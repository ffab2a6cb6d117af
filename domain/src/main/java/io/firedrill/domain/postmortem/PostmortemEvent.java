package io.firedrill.domain.postmortem;

import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The facts of a postmortem's life; replaying them gives its state and its history of edits and reviews.
 * Stored type names are explicit ({@code "postmortem." + simple name}, version 1) and never derived from
 * the class, so moving a class cannot rename history.
 */
public sealed interface PostmortemEvent {

    /** The schema version of every postmortem event type today. */
    int SCHEMA_VERSION = 1;

    PostmortemId postmortemId();

    /** Who caused it. */
    Actor by();

    /** When it happened. */
    Instant occurredAt();

    /** The stored type name, for example {@code "postmortem.PostmortemPublished"}. */
    default String typeName() {
        return switch (this) {
            case PostmortemDrafted e -> "postmortem.PostmortemDrafted";
            case PrefillRefreshed e -> "postmortem.PrefillRefreshed";
            case PostmortemEdited e -> "postmortem.PostmortemEdited";
            case SubmittedForReview e -> "postmortem.SubmittedForReview";
            case PostmortemApproved e -> "postmortem.PostmortemApproved";
            case ChangesRequested e -> "postmortem.ChangesRequested";
            case PostmortemPublished e -> "postmortem.PostmortemPublished";
        };
    }

    /** The schema version of this event's payload. */
    default int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /** The record class stored under {@code typeName}, if it is a postmortem event type. */
    static Optional<Class<? extends PostmortemEvent>> typeFor(String typeName) {
        Class<? extends PostmortemEvent> type = switch (typeName) {
            case "postmortem.PostmortemDrafted" -> PostmortemDrafted.class;
            case "postmortem.PrefillRefreshed" -> PrefillRefreshed.class;
            case "postmortem.PostmortemEdited" -> PostmortemEdited.class;
            case "postmortem.SubmittedForReview" -> SubmittedForReview.class;
            case "postmortem.PostmortemApproved" -> PostmortemApproved.class;
            case "postmortem.ChangesRequested" -> ChangesRequested.class;
            case "postmortem.PostmortemPublished" -> PostmortemPublished.class;
            default -> null;
        };
        return Optional.ofNullable(type);
    }

    /** Every stored type name of a postmortem event. */
    static List<String> typeNames() {
        return List.of(
                "postmortem.PostmortemDrafted",
                "postmortem.PrefillRefreshed",
                "postmortem.PostmortemEdited",
                "postmortem.SubmittedForReview",
                "postmortem.PostmortemApproved",
                "postmortem.ChangesRequested",
                "postmortem.PostmortemPublished");
    }

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

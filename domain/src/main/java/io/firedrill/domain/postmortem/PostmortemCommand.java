package io.firedrill.domain.postmortem;

import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.shared.Actor;

/**
 * What someone asks of a postmortem. Commands check their own fields and throw
 * {@link IllegalArgumentException} with a message that starts with the field's name (for an edit, the
 * section's path, see {@link SectionsPatch#validate}); whether the postmortem's status allows them is
 * {@link PostmortemDecider#decide}'s business. Comments are up to 5,000 characters.
 */
public sealed interface PostmortemCommand {

    PostmortemId postmortemId();

    Actor by();

    /**
     * Drafts the postmortem of a recovered incident, pre-filled from its events ({@link Prefill#from}).
     *
     * @param incidentStatus the incident's status now, as the caller loaded it
     */
    record DraftPostmortem(PostmortemId postmortemId, Actor by, IncidentId incidentId, IncidentStatus incidentStatus,
                           Prefill prefill) implements PostmortemCommand {

        public DraftPostmortem {
            common(postmortemId, by);
            Texts.notNull(incidentId, "incidentId");
            Texts.notNull(incidentStatus, "incidentStatus");
            Texts.notNull(prefill, "prefill");
            if (!postmortemId.equals(PostmortemId.forIncident(incidentId))) {
                throw new IllegalArgumentException("postmortemId must be PostmortemId.forIncident(" + incidentId
                        + ") = " + PostmortemId.forIncident(incidentId) + ": one postmortem per incident");
            }
        }
    }

    /** Replaces the pre-filled part with one derived again from the incident's events. */
    record RefreshPrefill(PostmortemId postmortemId, Actor by, Prefill prefill) implements PostmortemCommand {

        public RefreshPrefill {
            common(postmortemId, by);
            Texts.notNull(prefill, "prefill");
        }
    }

    /** Rewrites the sections present in {@code patch}; the others stay as they are. */
    record EditPostmortem(PostmortemId postmortemId, Actor by, SectionsPatch patch) implements PostmortemCommand {

        public EditPostmortem {
            common(postmortemId, by);
            SectionsPatch.validate(patch);
        }
    }

    /** Submits the draft for review; the blameless check runs with {@code words} (the defaults when null). */
    record SubmitForReview(PostmortemId postmortemId, Actor by, BlamelessWords words) implements PostmortemCommand {

        public SubmitForReview {
            common(postmortemId, by);
            words = words == null ? BlamelessWords.defaults() : words;
        }
    }

    /** A reviewer approves the submitted postmortem; the comment is optional. */
    record ApprovePostmortem(PostmortemId postmortemId, Actor by, String comment) implements PostmortemCommand {

        public ApprovePostmortem {
            common(postmortemId, by);
            comment = Texts.optional(comment, "comment", Texts.TEXT_MAX);
        }
    }

    /** A reviewer sends the postmortem back to draft, saying what to change. */
    record RequestChanges(PostmortemId postmortemId, Actor by, String comment) implements PostmortemCommand {

        public RequestChanges {
            common(postmortemId, by);
            comment = Texts.required(comment, "comment", Texts.TEXT_MAX);
        }
    }

    /**
     * Publishes the approved postmortem of {@code incidentId}; the application records the incident's review in
     * the same decision.
     */
    record PublishPostmortem(PostmortemId postmortemId, IncidentId incidentId, Actor by) implements PostmortemCommand {

        public PublishPostmortem {
            common(postmortemId, by);
            Texts.notNull(incidentId, "incidentId");
            if (!postmortemId.equals(PostmortemId.forIncident(incidentId))) {
                throw new IllegalArgumentException("postmortemId " + postmortemId + " is not the postmortem of incident "
                        + incidentId);
            }
        }
    }

    private static void common(PostmortemId postmortemId, Actor by) {
        Texts.notNull(postmortemId, "postmortemId");
        Texts.notNull(by, "by");
    }
}

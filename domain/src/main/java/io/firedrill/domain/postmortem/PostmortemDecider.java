package io.firedrill.domain.postmortem;

import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.postmortem.PostmortemCommand.ApprovePostmortem;
import io.firedrill.domain.postmortem.PostmortemCommand.DraftPostmortem;
import io.firedrill.domain.postmortem.PostmortemCommand.EditPostmortem;
import io.firedrill.domain.postmortem.PostmortemCommand.PublishPostmortem;
import io.firedrill.domain.postmortem.PostmortemCommand.RefreshPrefill;
import io.firedrill.domain.postmortem.PostmortemCommand.RequestChanges;
import io.firedrill.domain.postmortem.PostmortemCommand.SubmitForReview;
import io.firedrill.domain.postmortem.PostmortemEvent.ChangesRequested;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemApproved;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemDrafted;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemEdited;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemPublished;
import io.firedrill.domain.postmortem.PostmortemEvent.PrefillRefreshed;
import io.firedrill.domain.postmortem.PostmortemEvent.SubmittedForReview;
import io.firedrill.domain.postmortem.PostmortemRuleViolation.Rule;
import io.firedrill.domain.postmortem.ReviewComment.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules of a postmortem as two pure functions. A postmortem is drafted once its incident is RECOVERED;
 * DRAFT → IN_REVIEW (submit, with the blameless check's warnings) → PUBLISHED (publish, after at least one
 * approval and with the template's required parts written); a request for changes sends it back to DRAFT and
 * its approvals lapse. Sections are edited only in DRAFT; the pre-filled part can be refreshed until it is
 * published. The submitter of a round cannot approve it. A repeated request that would change nothing (a
 * retry) decides no events.
 */
public final class PostmortemDecider {

    private PostmortemDecider() {
    }

    /**
     * Decides what a command means for a postmortem.
     *
     * @param now the instant of the new events
     * @return the new events, empty when the command changes nothing
     * @throws PostmortemRuleViolation when the rules do not allow the command
     */
    public static List<PostmortemEvent> decide(PostmortemCommand command, Postmortem state, Instant now) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(now, "now");
        if (command instanceof DraftPostmortem c) {
            return draft(c, state, now);
        }
        if (!state.drafted()) {
            throw new PostmortemRuleViolation(Rule.POSTMORTEM_NOT_DRAFTED,
                    "Postmortem " + command.postmortemId() + " has not been drafted.");
        }
        if (!state.id().equals(command.postmortemId())) {
            throw new IllegalArgumentException(
                    "postmortemId " + command.postmortemId() + " does not match the state of postmortem " + state.id());
        }
        PostmortemStatus status = state.status();
        String who = command.by().name();
        return switch (command) {
            case DraftPostmortem c -> throw new IllegalStateException("handled above");
            case RefreshPrefill c when status == PostmortemStatus.PUBLISHED -> throw notEditable(c, status);
            case RefreshPrefill c when c.prefill().equals(state.prefill()) -> List.of();
            case RefreshPrefill c -> List.of(new PrefillRefreshed(c.postmortemId(), c.by(), c.prefill(), now));
            case EditPostmortem c when status != PostmortemStatus.DRAFT -> throw notEditable(c, status);
            case EditPostmortem c -> {
                SectionsPatch changes = state.sections().changesBy(c.patch());
                yield changes.equals(SectionsPatch.NONE) ? List.of()
                        : List.of(new PostmortemEdited(c.postmortemId(), c.by(), changes, now));
            }
            case SubmitForReview c when status == PostmortemStatus.IN_REVIEW -> List.of();
            case SubmitForReview c when status != PostmortemStatus.DRAFT -> throw illegal(c, status);
            case SubmitForReview c -> List.of(new SubmittedForReview(c.postmortemId(), c.by(),
                    BlamelessCheck.scan(state.sections(), c.words()), now));
            case ApprovePostmortem c when status != PostmortemStatus.IN_REVIEW -> throw illegal(c, status);
            case ApprovePostmortem c when who.equals(state.submittedBy()) -> throw new PostmortemRuleViolation(
                    Rule.SELF_APPROVAL, who + " submitted this postmortem for review and cannot approve it.");
            case ApprovePostmortem c when state.approvals().contains(who) -> List.of();
            case ApprovePostmortem c -> List.of(new PostmortemApproved(c.postmortemId(), c.by(), c.comment(), now));
            case RequestChanges c when status == PostmortemStatus.DRAFT && repeatsLastRequest(state, who, c) -> List.of();
            case RequestChanges c when status != PostmortemStatus.IN_REVIEW -> throw illegal(c, status);
            case RequestChanges c -> List.of(new ChangesRequested(c.postmortemId(), c.by(), c.comment(), now));
            case PublishPostmortem c when status == PostmortemStatus.PUBLISHED -> List.of();
            case PublishPostmortem c when status != PostmortemStatus.IN_REVIEW -> throw illegal(c, status);
            case PublishPostmortem c -> {
                Map<String, String> missing = missingForPublication(state.sections());
                if (!missing.isEmpty()) {
                    throw PostmortemRuleViolation.publishPreconditionsUnmet(missing);
                }
                if (state.approvals().isEmpty()) {
                    throw new PostmortemRuleViolation(Rule.NOT_APPROVED,
                            "Postmortem " + state.id() + " has no approval yet.");
                }
                yield List.of(new PostmortemPublished(c.postmortemId(), c.by(), now));
            }
        };
    }

    /**
     * What publishing still needs, each missing field with a message starting with its path: {@code summary},
     * {@code directCause}, {@code fiveWhys} (at least one why) and every {@code actions[i]} neither linked to
     * an action item nor waived. Empty when the sections can be published.
     */
    public static Map<String, String> missingForPublication(Sections sections) {
        Map<String, String> missing = new LinkedHashMap<>();
        if (sections.summary() == null) {
            missing.put("summary", "summary must not be blank");
        }
        if (sections.directCause() == null) {
            missing.put("directCause", "directCause must not be blank");
        }
        if (sections.fiveWhys().isEmpty()) {
            missing.put("fiveWhys", "fiveWhys must have at least one why");
        }
        for (int i = 0; i < sections.actions().size(); i++) {
            if (!sections.actions().get(i).settled()) {
                missing.put("actions[" + i + "]",
                        "actions[" + i + "] must be linked to an action item or waived with a reason");
            }
        }
        return missing;
    }

    /** The next state after {@code event}; increments {@link Postmortem#version()}. */
    public static Postmortem evolve(Postmortem s, PostmortemEvent event) {
        Objects.requireNonNull(s, "state");
        Objects.requireNonNull(event, "event");
        if (!(event instanceof PostmortemDrafted) && !s.drafted()) {
            throw new IllegalStateException(event.getClass().getSimpleName() + " before the postmortem was drafted");
        }
        long v = s.version() + 1;
        return switch (event) {
            case PostmortemDrafted e -> {
                if (s.drafted()) {
                    throw new IllegalStateException("postmortem " + s.id() + " is drafted twice");
                }
                yield new Postmortem(e.postmortemId(), e.incidentId(), PostmortemStatus.DRAFT, e.prefill(),
                        Sections.EMPTY, null, List.of(), List.of(), List.of(), e.occurredAt(), null, v);
            }
            case PrefillRefreshed e -> new Postmortem(s.id(), s.incidentId(), s.status(), e.prefill(), s.sections(),
                    s.submittedBy(), s.approvals(), s.reviewComments(), s.lastWarnings(), s.createdAt(),
                    s.publishedAt(), v);
            case PostmortemEdited e -> new Postmortem(s.id(), s.incidentId(), s.status(), s.prefill(),
                    s.sections().with(e.patch()), s.submittedBy(), s.approvals(), s.reviewComments(), s.lastWarnings(),
                    s.createdAt(), s.publishedAt(), v);
            case SubmittedForReview e -> new Postmortem(s.id(), s.incidentId(), PostmortemStatus.IN_REVIEW,
                    s.prefill(), s.sections(), e.by().name(), List.of(), s.reviewComments(), e.warnings(),
                    s.createdAt(), s.publishedAt(), v);
            case PostmortemApproved e -> new Postmortem(s.id(), s.incidentId(), s.status(), s.prefill(), s.sections(),
                    s.submittedBy(), plus(s.approvals(), e.by().name()),
                    plus(s.reviewComments(), new ReviewComment(e.by().name(), Kind.APPROVED, e.comment(),
                            e.occurredAt())),
                    s.lastWarnings(), s.createdAt(), s.publishedAt(), v);
            case ChangesRequested e -> new Postmortem(s.id(), s.incidentId(), PostmortemStatus.DRAFT, s.prefill(),
                    s.sections(), null, List.of(),
                    plus(s.reviewComments(), new ReviewComment(e.by().name(), Kind.CHANGES_REQUESTED, e.comment(),
                            e.occurredAt())),
                    s.lastWarnings(), s.createdAt(), s.publishedAt(), v);
            case PostmortemPublished e -> new Postmortem(s.id(), s.incidentId(), PostmortemStatus.PUBLISHED,
                    s.prefill(), s.sections(), s.submittedBy(), s.approvals(), s.reviewComments(), s.lastWarnings(),
                    s.createdAt(), e.occurredAt(), v);
        };
    }

    /** Folds {@code events} in the given order, starting from {@link Postmortem#EMPTY}. */
    public static Postmortem fold(List<? extends PostmortemEvent> events) {
        Postmortem state = Postmortem.EMPTY;
        for (PostmortemEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    private static List<PostmortemEvent> draft(DraftPostmortem c, Postmortem state, Instant now) {
        if (state.drafted()) {
            throw new PostmortemRuleViolation(Rule.ALREADY_DRAFTED,
                    "The postmortem of incident " + state.incidentId() + " has already been drafted.");
        }
        if (c.incidentStatus() != IncidentStatus.RECOVERED) {
            throw new PostmortemRuleViolation(Rule.INCIDENT_NOT_RECOVERED,
                    "Incident " + c.incidentId() + " is " + c.incidentStatus() + "; a postmortem is drafted once it is "
                            + IncidentStatus.RECOVERED + ".");
        }
        return List.of(new PostmortemDrafted(c.postmortemId(), c.by(), c.incidentId(), c.prefill(), now));
    }

    private static boolean repeatsLastRequest(Postmortem state, String who, RequestChanges c) {
        if (state.reviewComments().isEmpty()) {
            return false;
        }
        ReviewComment last = state.reviewComments().getLast();
        return last.kind() == Kind.CHANGES_REQUESTED && last.by().equals(who) && c.comment().equals(last.comment());
    }

    private static PostmortemRuleViolation notEditable(PostmortemCommand command, PostmortemStatus status) {
        String hint = status == PostmortemStatus.IN_REVIEW ? "; request changes to edit it again" : "";
        return new PostmortemRuleViolation(Rule.NOT_EDITABLE,
                command.getClass().getSimpleName() + " is not allowed when the postmortem is " + status + hint + ".");
    }

    private static PostmortemRuleViolation illegal(PostmortemCommand command, PostmortemStatus status) {
        return new PostmortemRuleViolation(Rule.ILLEGAL_TRANSITION,
                command.getClass().getSimpleName() + " is not allowed when the postmortem is " + status + ".");
    }

    private static <T> List<T> plus(List<T> list, T value) {
        List<T> more = new ArrayList<>(list);
        more.add(value);
        return more;
    }
}

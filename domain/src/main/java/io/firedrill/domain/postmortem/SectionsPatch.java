package io.firedrill.domain.postmortem;

import io.firedrill.domain.actionitem.ActionItemId;
import java.util.List;

/**
 * An edit of a postmortem: any subset of its sections. A section that is present ({@code non-null})
 * replaces that section wholly; an absent one ({@code null}) is left as it is. A present but empty section
 * clears it: an empty summary, a direct cause with an empty text, {@link Impact#NONE}, {@link Lessons#NONE}
 * or an empty list.
 *
 * <p>The field names are the public JSON contract. {@link #validate} checks an edit with messages that start
 * with the field's path, for example {@code fiveWhys[2].because must not be blank}. Limits: summary up to
 * 20,000 characters; every other text up to 5,000 (action titles 200, waived reasons 2,000); every list up to
 * 100 entries; up to 50 evidence ids per statement.
 */
public record SectionsPatch(
        String summary,
        Impact impact,
        Statement directCause,
        List<Why> fiveWhys,
        List<String> contributingFactors,
        List<PlannedAction> actions,
        Lessons lessons,
        List<String> references) {

    /** An edit that touches nothing. */
    public static final SectionsPatch NONE = new SectionsPatch(null, null, null, null, null, null, null, null);

    static final int ACTION_TITLE_MAX = 200;
    static final int WAIVED_REASON_MAX = 2_000;

    public SectionsPatch {
        fiveWhys = fiveWhys == null ? null : Texts.list(fiveWhys);
        contributingFactors = contributingFactors == null ? null : Texts.list(contributingFactors);
        actions = actions == null ? null : Texts.list(actions);
        references = references == null ? null : Texts.list(references);
    }

    public SectionsPatch withSummary(String value) {
        return new SectionsPatch(value, impact, directCause, fiveWhys, contributingFactors, actions, lessons, references);
    }

    public SectionsPatch withImpact(Impact value) {
        return new SectionsPatch(summary, value, directCause, fiveWhys, contributingFactors, actions, lessons, references);
    }

    public SectionsPatch withDirectCause(Statement value) {
        return new SectionsPatch(summary, impact, value, fiveWhys, contributingFactors, actions, lessons, references);
    }

    public SectionsPatch withFiveWhys(List<Why> value) {
        return new SectionsPatch(summary, impact, directCause, value, contributingFactors, actions, lessons, references);
    }

    public SectionsPatch withContributingFactors(List<String> value) {
        return new SectionsPatch(summary, impact, directCause, fiveWhys, value, actions, lessons, references);
    }

    public SectionsPatch withActions(List<PlannedAction> value) {
        return new SectionsPatch(summary, impact, directCause, fiveWhys, contributingFactors, value, lessons, references);
    }

    public SectionsPatch withLessons(Lessons value) {
        return new SectionsPatch(summary, impact, directCause, fiveWhys, contributingFactors, actions, value, references);
    }

    public SectionsPatch withReferences(List<String> value) {
        return new SectionsPatch(summary, impact, directCause, fiveWhys, contributingFactors, actions, lessons, value);
    }

    /**
     * Checks every present section.
     *
     * @throws IllegalArgumentException whose message starts with the path of the first offending field
     */
    public static SectionsPatch validate(SectionsPatch patch) {
        Texts.notNull(patch, "patch");
        if (patch.summary != null) {
            Texts.optional(patch.summary, "summary", Texts.SUMMARY_MAX);
        }
        if (patch.impact != null) {
            Impact i = patch.impact;
            Texts.optional(i.usersAffected(), "impact.usersAffected", Texts.TEXT_MAX);
            Texts.optional(i.dataLoss(), "impact.dataLoss", Texts.TEXT_MAX);
            Texts.optional(i.availability(), "impact.availability", Texts.TEXT_MAX);
            Texts.optional(i.sloImpact(), "impact.sloImpact", Texts.TEXT_MAX);
            Texts.optional(i.errorBudgetConsumed(), "impact.errorBudgetConsumed", Texts.TEXT_MAX);
        }
        if (patch.directCause != null) {
            Statement cause = patch.directCause;
            if (Texts.orNull(cause.text()) == null && !cause.evidence().isEmpty()) {
                throw new IllegalArgumentException("directCause.text must not be blank when evidence is cited");
            }
            Texts.optional(cause.text(), "directCause.text", Texts.TEXT_MAX);
            Texts.evidence(cause.evidence(), "directCause.evidence");
        }
        if (patch.fiveWhys != null) {
            Texts.entries(patch.fiveWhys, "fiveWhys", Texts.ENTRIES_MAX);
            for (int i = 0; i < patch.fiveWhys.size(); i++) {
                String field = "fiveWhys[" + i + "]";
                Why why = Texts.notNull(patch.fiveWhys.get(i), field);
                Texts.required(why.why(), field + ".why", Texts.TEXT_MAX);
                Texts.required(why.because(), field + ".because", Texts.TEXT_MAX);
                Texts.evidence(why.evidence(), field + ".evidence");
            }
        }
        if (patch.contributingFactors != null) {
            Texts.texts(patch.contributingFactors, "contributingFactors");
        }
        if (patch.actions != null) {
            Texts.entries(patch.actions, "actions", Texts.ENTRIES_MAX);
            for (int i = 0; i < patch.actions.size(); i++) {
                action(Texts.notNull(patch.actions.get(i), "actions[" + i + "]"), "actions[" + i + "]");
            }
        }
        if (patch.lessons != null) {
            Texts.texts(patch.lessons.wentWell(), "lessons.wentWell");
            Texts.texts(patch.lessons.toImprove(), "lessons.toImprove");
        }
        if (patch.references != null) {
            Texts.texts(patch.references, "references");
        }
        return patch;
    }

    private static void action(PlannedAction action, String field) {
        Texts.required(action.title(), field + ".title", ACTION_TITLE_MAX);
        if (action.kind() == null) {
            throw new IllegalArgumentException(field + ".kind must be CORRECTIVE or PREVENTIVE");
        }
        if (action.horizon() == null) {
            throw new IllegalArgumentException(field + ".horizon must be IMMEDIATE, SHORT_TERM or LONG_TERM");
        }
        if (action.actionItemId() != null) {
            try {
                ActionItemId.parse(action.actionItemId());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + ".actionItemId must be a UUID");
            }
            if (action.waivedReason() != null) {
                throw new IllegalArgumentException(
                        field + ".waivedReason must not be given together with an actionItemId");
            }
        }
        Texts.optional(action.waivedReason(), field + ".waivedReason", WAIVED_REASON_MAX);
    }
}

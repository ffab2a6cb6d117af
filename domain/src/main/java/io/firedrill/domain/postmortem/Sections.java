package io.firedrill.domain.postmortem;

import java.util.List;
import java.util.Objects;

/**
 * What people wrote in a postmortem, section by section, following the template. A section not written yet
 * is {@code null} (summary, direct cause), {@link Impact#NONE}, {@link Lessons#NONE} or an empty list.
 *
 * @param summary the executive summary
 * @param directCause the direct cause with the facts it rests on
 * @param fiveWhys the 5 Whys, in order
 * @param contributingFactors the contributing factors
 * @param actions the corrective and preventive actions, each with its horizon
 * @param references links and documents
 */
public record Sections(
        String summary,
        Impact impact,
        Statement directCause,
        List<Why> fiveWhys,
        List<String> contributingFactors,
        List<PlannedAction> actions,
        Lessons lessons,
        List<String> references) {

    /** Nothing written. */
    public static final Sections EMPTY = new Sections(null, null, null, null, null, null, null, null);

    private static final Statement NO_STATEMENT = new Statement("", List.of());

    public Sections {
        summary = Texts.orNull(summary);
        impact = impact == null ? Impact.NONE : impact;
        directCause = directCause == null || Texts.orNull(directCause.text()) == null ? null : directCause;
        fiveWhys = Texts.list(fiveWhys);
        contributingFactors = Texts.list(contributingFactors);
        actions = Texts.list(actions);
        lessons = lessons == null ? Lessons.NONE : lessons;
        references = Texts.list(references);
    }

    /** These sections with every section present in {@code patch} replaced wholly by it. */
    public Sections with(SectionsPatch patch) {
        Objects.requireNonNull(patch, "patch");
        return new Sections(
                patch.summary() == null ? summary : patch.summary(),
                patch.impact() == null ? impact : patch.impact(),
                patch.directCause() == null ? directCause : patch.directCause(),
                patch.fiveWhys() == null ? fiveWhys : patch.fiveWhys(),
                patch.contributingFactors() == null ? contributingFactors : patch.contributingFactors(),
                patch.actions() == null ? actions : patch.actions(),
                patch.lessons() == null ? lessons : patch.lessons(),
                patch.references() == null ? references : patch.references());
    }

    /**
     * The part of {@code patch} that would change these sections: only the sections that differ after
     * applying it, each as it would then read (a cleared summary or direct cause as an empty text, so that
     * the clearing stays present). {@link SectionsPatch#NONE} when nothing would change.
     */
    public SectionsPatch changesBy(SectionsPatch patch) {
        Sections after = with(patch);
        return new SectionsPatch(
                Objects.equals(after.summary, summary) ? null : Objects.requireNonNullElse(after.summary, ""),
                after.impact.equals(impact) ? null : after.impact,
                Objects.equals(after.directCause, directCause) ? null
                        : Objects.requireNonNullElse(after.directCause, NO_STATEMENT),
                after.fiveWhys.equals(fiveWhys) ? null : after.fiveWhys,
                after.contributingFactors.equals(contributingFactors) ? null : after.contributingFactors,
                after.actions.equals(actions) ? null : after.actions,
                after.lessons.equals(lessons) ? null : after.lessons,
                after.references.equals(references) ? null : after.references);
    }
}

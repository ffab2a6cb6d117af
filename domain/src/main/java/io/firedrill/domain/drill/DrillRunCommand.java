package io.firedrill.domain.drill;

import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.Actor;
import java.time.Instant;

/**
 * What a person or the drill runner asks of a running drill. Commands check their own fields and throw
 * {@link IllegalArgumentException} with a message that starts with the field's name; whether the run allows them is
 * {@link DrillRunDecider#decide}'s business. Starting a run is a plan's command ({@link DrillPlanCommand.StartDrillRun}).
 */
public sealed interface DrillRunCommand {

    DrillRunId drillRunId();

    Actor by();

    /** The runner begins step {@code step} (the next one). */
    record BeginStep(DrillRunId drillRunId, int step, Actor by) implements DrillRunCommand {
        public BeginStep {
            common(drillRunId, by, step);
        }
    }

    /** A person confirms a {@code MANUAL} step done ({@code passed}) or failed, with an optional note (≤ 4,000). */
    record ConfirmStep(DrillRunId drillRunId, int step, Boolean passed, String note, Actor by) implements DrillRunCommand {
        public ConfirmStep {
            common(drillRunId, by, step);
            Fields.notNull(passed, "passed");
            note = Fields.optional(note, "note", DrillStep.TEXT_MAX);
        }
    }

    /**
     * The runner records the outcome of an automatic step; {@code markerAt} is the last durable write a probe read
     * (for a step with a {@code markerPointer}), else {@code null}.
     */
    record RecordStepOutcome(DrillRunId drillRunId, int step, boolean passed, String evidence, Instant markerAt, Actor by)
            implements DrillRunCommand {
        public RecordStepOutcome {
            common(drillRunId, by, step);
            evidence = Fields.text(evidence, "evidence", DrillStep.TEXT_MAX);
        }
    }

    /** The runner links the drill incident that step {@code step} opened. */
    record LinkIncident(DrillRunId drillRunId, int step, IncidentId incidentId, Actor by) implements DrillRunCommand {
        public LinkIncident {
            common(drillRunId, by, step);
            Fields.notNull(incidentId, "incidentId");
        }
    }

    /**
     * The runner scores a run whose steps are done (which ends it, passed or failed by the score) or that ended; or a
     * person asks for a score under another version of the definition (an ended run only; every score is kept).
     */
    record ScoreRun(DrillRunId drillRunId, DrillScore score, Actor by) implements DrillRunCommand {
        public ScoreRun {
            common(drillRunId, by, 0);
            Fields.notNull(score, "score");
        }
    }

    /**
     * A person reviews an ended, scored run: findings (at most 100, each an action item or waived), what went well (at
     * most 50 entries of 1–4,000 characters), and the score confirmed or disputed ({@code scoreNote} required, 1–4,000).
     */
    record ReviewRun(DrillRunId drillRunId, java.util.List<Finding> findings, java.util.List<String> wentWell,
                     Boolean scoreConfirmed, String scoreNote, Actor by) implements DrillRunCommand {
        public ReviewRun {
            common(drillRunId, by, 0);
            findings = Fields.list(findings, "findings", 100);
            wentWell = Fields.list(wentWell, "wentWell", 50);
            for (int i = 0; i < wentWell.size(); i++) {
                Fields.text(wentWell.get(i), "wentWell[" + i + "]", DrillStep.TEXT_MAX);
            }
            wentWell = wentWell.stream().map(String::strip).toList();
            Fields.notNull(scoreConfirmed, "scoreConfirmed");
            scoreNote = Fields.optional(scoreNote, "scoreNote", DrillStep.TEXT_MAX);
            if (!scoreConfirmed && scoreNote == null) {
                throw new IllegalArgumentException("scoreNote must say why the score is disputed");
            }
        }
    }

    /**
     * The reminder job nudges a run that has been waiting for its review more than {@code afterDays} days on
     * {@code today} (UTC): once per run and day.
     */
    record RemindReview(DrillRunId drillRunId, java.time.LocalDate today, int afterDays, Actor by) implements DrillRunCommand {
        public RemindReview {
            common(drillRunId, by, 0);
            Fields.notNull(today, "today");
            if (afterDays < 0) {
                throw new IllegalArgumentException("afterDays must not be negative");
            }
        }
    }

    /** A person stops the run; the reason is required (1–2,000 characters). */
    record AbortRun(DrillRunId drillRunId, String reason, Actor by) implements DrillRunCommand {
        public AbortRun {
            common(drillRunId, by, 0);
            reason = Fields.text(reason, "reason", 2_000);
        }
    }

    private static void common(DrillRunId id, Actor by, int step) {
        Fields.notNull(id, "drillRunId");
        Fields.notNull(by, "by");
        if (step < 0) {
            throw new IllegalArgumentException("step must not be negative");
        }
    }
}

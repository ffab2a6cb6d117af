package io.firedrill.domain.drill;

import io.firedrill.domain.shared.MarkdownText;
import java.util.List;

/**
 * A drill run's report as Markdown: the scenario and hypothesis, the run's timeline (its steps with their outcomes and
 * evidence, its checkpoints), the objectives with their targets, measurements and points, the score, and the review
 * (findings with their action items or waivers, what went well).
 */
public final class DrillRunMarkdown {

    private DrillRunMarkdown() {
    }

    public static String render(DrillRun run) {
        DrillPlanDefinition plan = run.definition();
        StringBuilder md = new StringBuilder();
        md.append("# Drill ").append(run.number().value()).append(": ").append(plan.name()).append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "Service", plan.service());
        row(md, "Plan version", String.valueOf(run.planVersion()));
        row(md, "Severity simulated", plan.severity().name());
        row(md, "Started", MarkdownText.utc(run.startedAt()) + " by " + run.startedBy() + " ("
                + run.trigger().name().toLowerCase(java.util.Locale.ROOT) + ")");
        row(md, "Ended", run.outcome() == null ? "still running"
                : MarkdownText.utc(run.endedAt()) + ": " + run.outcome().name()
                + (run.endReason() == null ? "" : " (" + run.endReason() + ")"));
        row(md, "Drill incident", run.incidentId() == null ? "none" : "`" + run.incidentId() + "`");
        md.append('\n');
        md.append("## Scenario\n\n").append(MarkdownText.inline(plan.scenario(), "")).append("\n\n");
        md.append("## Hypothesis\n\n").append(MarkdownText.inline(plan.hypothesis(), "")).append("\n\n");

        md.append("## Timeline\n\n| # | step | kind | started | ended | outcome | evidence |\n|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < run.steps().size(); i++) {
            DrillStep step = plan.steps().get(i);
            DrillRun.StepState state = run.steps().get(i);
            md.append("| ").append(i).append(" | ").append(MarkdownText.cell(step.name()))
                    .append(step.mandatory() ? " (mandatory)" : "").append(" | ").append(step.kind().name())
                    .append(" | ").append(MarkdownText.utc(state.startedAt())).append(" | ")
                    .append(MarkdownText.utc(state.endedAt())).append(" | ").append(state.status().name()).append(" | ")
                    .append(MarkdownText.cell(state.evidence())).append(" |\n");
        }
        md.append('\n');
        if (!run.checkpoints().isEmpty()) {
            run.checkpoints().forEach((name, at) -> md.append("- ").append(name.name()).append(": ")
                    .append(MarkdownText.utc(at)).append('\n'));
            if (run.markerAt() != null) {
                md.append("- last durable write before the fault: ").append(MarkdownText.utc(run.markerAt())).append('\n');
            }
            md.append('\n');
        }

        md.append("## Objectives and score\n\n");
        DrillScore score = run.score();
        if (score == null) {
            md.append("_Not scored yet._\n\n");
        } else {
            md.append("| objective | target | measured | points | met | measured from |\n|---|---|---|---|---|---|\n");
            for (DrillScore.Component component : score.components()) {
                String target = component.target() != null ? MarkdownText.human(component.target())
                        : component.targetPercent() + " %";
                String measured = component.objective() == Objective.Kind.STEPS_COMPLETED
                        ? component.measuredPercent() + " %" : MarkdownText.human(component.measured());
                md.append("| ").append(component.objective().name()).append(" | ").append(target).append(" | ")
                        .append(measured).append(" | ").append(component.points()).append(" / ").append(component.maxPoints())
                        .append(" | ").append(component.met() ? "yes" : "no").append(" | ")
                        .append(MarkdownText.cell(String.join("; ", component.from()))).append(" |\n");
            }
            md.append("\n**Score: ").append(score.total()).append(" of 100** (definition version ")
                    .append(score.definitionVersion()).append("): ").append(score.verdict()).append(".\n\n");
        }

        md.append("## Review\n\n");
        DrillReview review = run.review();
        if (review == null) {
            md.append(run.outcome() == null ? "_The run has not ended._\n" : "_Awaiting review._\n");
            return md.toString();
        }
        md.append("Reviewed by ").append(review.reviewedBy()).append(" on ").append(MarkdownText.utc(review.reviewedAt()))
                .append(". The score was ").append(review.scoreConfirmed() ? "confirmed" : "disputed")
                .append(review.scoreNote() == null ? "" : ": " + MarkdownText.inline(review.scoreNote(), "")).append(".\n\n");
        md.append("### Findings\n\n");
        bullets(md, review.findings().stream().map(finding -> "**" + finding.title() + "**"
                + (finding.detail() == null ? "" : ": " + finding.detail())
                + (finding.actionItemId() != null ? " → action item `" + finding.actionItemId() + "`"
                : " → waived: " + finding.waivedReason())).toList());
        md.append("### What went well\n\n");
        bullets(md, review.wentWell());
        return md.toString();
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(MarkdownText.cell(value)).append(" |\n");
    }

    private static void bullets(StringBuilder md, List<String> items) {
        if (items.isEmpty()) {
            md.append("_None._\n\n");
            return;
        }
        items.forEach(item -> md.append("- ").append(MarkdownText.inline(item, "  ")).append('\n'));
        md.append('\n');
    }
}

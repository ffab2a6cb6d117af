package io.firedrill.application.port.in.drill;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.domain.drill.DrillPlanId;
import io.firedrill.domain.drill.DrillRun;
import io.firedrill.domain.drill.DrillRunCommand;
import io.firedrill.domain.drill.DrillRunId;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Starting drill runs and the commands of a running one. Nothing here blocks: results are futures. */
public interface DrillRunCommands {

    /**
     * Starts run {@code run} of the plan's current version now: by hand ({@code scheduledFor} {@code null}) or for the
     * schedule's instant {@code scheduledFor}; numbered {@code DR-YYYY-NNNN} in the tenant's sequence of the year. Fails
     * with {@link DrillPlanNotFound}, or with a rule violation when the plan runs already. Empty when the plan started
     * no run under this id: another instance started the scheduled instant first.
     */
    CompletableFuture<Optional<DrillRun>> start(DrillPlanId plan, DrillRunId run, Instant scheduledFor, CommandContext context);

    /**
     * Starts runs of one tenant's plans for their schedules' instants, each of the plan's current version under a new
     * run id, their numbers drawn in one go: what the scheduler sends, without reading the runs back. One future per
     * start, in order: {@code true} when this call started the run, {@code false} when the instant was taken already
     * (another instance started it); each fails like {@link #start}, and all of them when no numbers could be drawn.
     */
    java.util.List<CompletableFuture<Boolean>> startScheduled(io.firedrill.domain.shared.TenantId tenant,
                                                              java.util.List<ScheduledStart> starts, CommandContext context);

    /** A plan whose schedule's instant {@code scheduledFor} is due. */
    record ScheduledStart(DrillPlanId plan, Instant scheduledFor) {
    }

    /**
     * Scores the run under version {@code definitionVersion} of the score definition ({@code null}: the latest), from
     * its events and its drill incident's: a run whose steps are done is ended by its score; an ended run keeps its
     * outcome and gains the score (each version once). Fails with {@link IllegalArgumentException} about
     * {@code definitionVersion} for a version that does not exist.
     */
    CompletableFuture<CommandOutcome<DrillRun>> score(io.firedrill.domain.shared.TenantId tenant, DrillRunId run,
                                                      Integer definitionVersion, CommandContext context);

    /**
     * Reviews an ended, scored run: the review is recorded, then each finding with an {@code actionItem} becomes an
     * action item (owned, due, linked to the run and to its drill incident); the others are waived with their reason.
     * A bad finding, a due date in the past, a stale {@code If-Match} or a run that cannot be reviewed yet records
     * nothing. A repeat of the same review (a retry) records nothing again and creates only the items still missing.
     */
    CompletableFuture<CommandOutcome<DrillRun>> review(io.firedrill.domain.shared.TenantId tenant, DrillRunId run,
                                                       Review review, CommandContext context);

    /** A review as a person writes it. */
    record Review(java.util.List<FindingInput> findings, java.util.List<String> wentWell, Boolean scoreConfirmed,
                  String scoreNote) {
    }

    /** A finding: with {@code actionItem} it becomes one; with {@code waivedReason} it is waived for that reason. */
    record FindingInput(String title, String detail, NewActionItem actionItem, String waivedReason) {
    }

    /** The action item a finding becomes. */
    record NewActionItem(String owner, java.time.LocalDate dueDate, io.firedrill.domain.actionitem.Priority priority,
                         io.firedrill.domain.actionitem.ActionKind kind) {
    }

    /** Sends any run command (confirming a manual step, aborting). */
    CompletableFuture<CommandOutcome<DrillRun>> send(DrillRunCommand command, CommandContext context);
}

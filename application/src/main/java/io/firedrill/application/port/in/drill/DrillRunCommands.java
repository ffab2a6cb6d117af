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
     * Scores the run under version {@code definitionVersion} of the score definition ({@code null}: the latest), from
     * its events and its drill incident's: a run whose steps are done is ended by its score; an ended run keeps its
     * outcome and gains the score (each version once). Fails with {@link IllegalArgumentException} about
     * {@code definitionVersion} for a version that does not exist.
     */
    CompletableFuture<CommandOutcome<DrillRun>> score(io.firedrill.domain.shared.TenantId tenant, DrillRunId run,
                                                      Integer definitionVersion, CommandContext context);

    /** Sends any run command (confirming a manual step, aborting). */
    CompletableFuture<CommandOutcome<DrillRun>> send(DrillRunCommand command, CommandContext context);
}

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

    /** Sends any run command (confirming a manual step, aborting). */
    CompletableFuture<CommandOutcome<DrillRun>> send(DrillRunCommand command, CommandContext context);
}

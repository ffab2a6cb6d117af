package io.firedrill.application.drill;

import io.firedrill.application.command.CommandSender;
import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.drill.DrillRunCommands;
import io.firedrill.application.port.in.drill.DrillRunQueries;
import io.firedrill.application.port.out.DrillRunNumbers;
import io.firedrill.domain.drill.DrillPlanCommand.StartDrillRun;
import io.firedrill.domain.drill.DrillPlanId;
import io.firedrill.domain.drill.DrillRun;
import io.firedrill.domain.drill.DrillRunCommand;
import io.firedrill.domain.drill.DrillRunId;
import io.firedrill.domain.drill.DrillPlan;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;

/**
 * Starts drill runs (a number from the tenant's sequence of the year, then the plan's {@code StartDrillRun}) and sends
 * the commands of running ones, through Axon's command gateway.
 */
final class DrillRunCommandService implements DrillRunCommands {

    private final CommandSender plans;
    private final CommandSender runs;
    private final DrillRunNumbers numbers;
    private final Clock clock;
    private final DrillRunQueries queries;

    DrillRunCommandService(CommandGateway gateway, DrillRunNumbers numbers, Clock clock, DrillRunQueries queries) {
        this.plans = new CommandSender(gateway, "drill plan");
        this.runs = new CommandSender(gateway, "drill run");
        this.numbers = numbers;
        this.clock = clock;
        this.queries = queries;
    }

    @Override
    public CompletableFuture<Optional<DrillRun>> start(DrillPlanId plan, DrillRunId run, Instant scheduledFor,
                                                       CommandContext context) {
        int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
        return numbers.next(context.tenant(), year)
                .thenCompose(number -> plans.<DrillPlan>send(new StartDrillRun(plan, run, number, scheduledFor,
                        context.actor()), context))
                .thenCompose(started -> run.equals(started.state().activeRun())
                        ? queries.run(context.tenant(), run).thenApply(Optional::of)
                        : CompletableFuture.completedFuture(Optional.<DrillRun>empty()));
    }

    @Override
    public CompletableFuture<CommandOutcome<DrillRun>> send(DrillRunCommand command, CommandContext context) {
        return runs.send(command, context);
    }
}

package io.firedrill.application.port.in.drill;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.domain.drill.DrillPlan;
import io.firedrill.domain.drill.DrillPlanCommand;
import java.util.concurrent.CompletableFuture;

/**
 * The drill plan commands. A plan that is created or revised is checked against what the domain cannot know: its cron
 * expression must be valid, its probe URLs must start with one of the tenant's allowed prefixes, and a
 * {@code PROMETHEUS_QUERY} step needs a configured Prometheus. Otherwise the future fails with an
 * {@link IllegalArgumentException} naming the field ({@code steps[1].httpProbe.url}) and nothing is recorded.
 */
public interface DrillPlanCommands {

    CompletableFuture<CommandOutcome<DrillPlan>> send(DrillPlanCommand command, CommandContext context);
}

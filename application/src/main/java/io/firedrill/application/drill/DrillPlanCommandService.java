package io.firedrill.application.drill;

import io.firedrill.application.command.CommandSender;
import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.drill.DrillPlanCommands;
import io.firedrill.application.port.out.CronSchedules;
import io.firedrill.domain.drill.DrillPlan;
import io.firedrill.domain.drill.DrillPlanCommand;
import io.firedrill.domain.drill.DrillPlanCommand.CreateDrillPlan;
import io.firedrill.domain.drill.DrillPlanCommand.ReviseDrillPlan;
import io.firedrill.domain.drill.DrillSchedule;
import io.firedrill.domain.drill.DrillStep;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;

/**
 * The drill plan commands, through Axon's command gateway, after the checks the domain cannot make: the cron
 * expression, the tenant's allowed probe URLs, and a configured Prometheus for {@code PROMETHEUS_QUERY} steps. A
 * revision checks only what it replaces; the rest was checked when it was saved (and a step's target is checked again
 * when it runs).
 */
final class DrillPlanCommandService implements DrillPlanCommands {

    private final CommandSender sender;
    private final CronSchedules cron;
    private final DrillSettings settings;
    private final java.time.Clock clock;

    DrillPlanCommandService(CommandGateway gateway, CronSchedules cron, DrillSettings settings, java.time.Clock clock) {
        this.sender = new CommandSender(gateway, "drill plan");
        this.cron = cron;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<CommandOutcome<DrillPlan>> send(DrillPlanCommand command, CommandContext context) {
        try {
            switch (command) {
                case CreateDrillPlan create -> {
                    steps(context.tenant(), create.definition().steps());
                    schedule(create.definition().schedule());
                }
                case ReviseDrillPlan revise -> {
                    steps(context.tenant(), revise.patch().steps());
                    schedule(revise.patch().schedule());
                }
                default -> {
                }
            }
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sender.send(command, context);
    }

    private void schedule(DrillSchedule schedule) {
        if (schedule != null) {
            cron.problem(schedule.cron()).ifPresent(problem -> {
                throw new IllegalArgumentException("schedule.cron " + problem);
            });
            if (schedule.grace().compareTo(java.time.Duration.ofMinutes(1)) < 0) {
                // Under a scheduler tick and the database's latency, every instant would be skipped as missed.
                throw new IllegalArgumentException("schedule.grace must be at least PT1M, not " + schedule.grace());
            }
            if (cron.next(schedule.cron(), schedule.zoneId(), clock.instant()).isEmpty()) {
                throw new IllegalArgumentException("schedule.cron names no instant that will ever come ('" + schedule.cron()
                        + "')");
            }
        }
    }

    private void steps(TenantId tenant, List<DrillStep> steps) {
        if (steps == null) {
            return;
        }
        // Checked when a plan is saved, not in the definition itself, so that plans stored before the rule stay readable.
        Integer opens = null;
        for (int i = 0; i < steps.size(); i++) {
            DrillStep step = steps.get(i);
            if (step.kind() == DrillStep.Kind.INJECT && step.inject().opensIncident()) {
                opens = i;
            }
            if (step.marks() == DrillStep.CheckpointName.FAULT_STARTED && opens != null) {
                throw new IllegalArgumentException("steps[" + i + "] marks FAULT_STARTED after step " + opens
                        + " opens the drill incident; the fault starts before it is detected");
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            DrillStep step = steps.get(i);
            if (step.kind() == DrillStep.Kind.HTTP_PROBE) {
                String field = "steps[" + i + "].httpProbe.url ";
                settings.probeProblem(tenant, step.httpProbe().url()).ifPresent(problem -> {
                    throw new IllegalArgumentException(field + problem);
                });
            }
            if (step.kind() == DrillStep.Kind.PROMETHEUS_QUERY && settings.prometheus() == null) {
                throw new IllegalArgumentException("steps[" + i + "].kind PROMETHEUS_QUERY needs a Prometheus,"
                        + " and none is configured (firedrill.drills.prometheus-url)");
            }
        }
    }
}

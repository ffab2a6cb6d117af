package io.firedrill.application.incident;

import io.firedrill.application.command.CommandSender;
import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.incident.IncidentCommands;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.out.IncidentNumbers;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentCommand.CloseAsDuplicate;
import io.firedrill.domain.incident.IncidentCommand.DeclareIncident;
import io.firedrill.domain.incident.IncidentCommand;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;

/**
 * The incident commands, sent through Axon's command gateway ({@link CommandSender} decides a command again when
 * it loses a race for its incident). Nothing here blocks: results are futures.
 */
public final class IncidentCommandService implements IncidentCommands {

    private final CommandSender sender;
    private final IncidentNumbers numbers;
    private final Clock clock;
    private final IncidentQueries incidents;

    public IncidentCommandService(CommandGateway gateway, IncidentNumbers numbers, Clock clock, IncidentQueries incidents) {
        this.sender = new CommandSender(gateway, "incident");
        this.numbers = numbers;
        this.clock = clock;
        this.incidents = incidents;
    }

    @Override
    public CompletableFuture<CommandOutcome<Incident>> declare(DeclareIncident draft, CommandContext context) {
        Instant at = draft.occurredAt() == null ? clock.instant() : draft.occurredAt();
        int year = at.atZone(ZoneOffset.UTC).getYear();
        return numbers.next(context.tenant(), year)
                .thenCompose(number -> send(draft.withNumber(number), context));
    }

    @Override
    public CompletableFuture<CommandOutcome<Incident>> closeAsDuplicate(CloseAsDuplicate command, CommandContext context) {
        return incidents.findHistory(context.tenant(), command.original()).thenCompose(original -> {
            if (original.isEmpty()) {
                throw new IllegalArgumentException("incidentId names no incident of this tenant: " + command.original());
            }
            return sender.send(command, context);
        });
    }

    @Override
    public CompletableFuture<CommandOutcome<Incident>> send(IncidentCommand command, CommandContext context) {
        if (command instanceof CloseAsDuplicate close) {
            return closeAsDuplicate(close, context);
        }
        return sender.send(command, context);
    }
}

package io.firedrill.application.incident;

import io.firedrill.application.command.CommandContext;
import io.firedrill.application.command.CommandOutcome;
import io.firedrill.application.command.CommandSender;
import io.firedrill.application.port.out.IncidentNumbers;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentCommand;
import io.firedrill.domain.incident.IncidentCommand.DeclareIncident;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;

/**
 * The incident use cases: sends incident commands through Axon's command gateway ({@link CommandSender}
 * decides a command again when it loses a race for its incident). Nothing here blocks: results are futures.
 */
public final class IncidentCommands {

    private final CommandSender sender;
    private final IncidentNumbers numbers;
    private final Clock clock;

    public IncidentCommands(CommandGateway gateway, IncidentNumbers numbers, Clock clock) {
        this.sender = new CommandSender(gateway, "incident");
        this.numbers = numbers;
        this.clock = clock;
    }

    /**
     * Declares an incident under the next number of its tenant and year (the year of the declaration in
     * UTC); the number in {@code draft} is replaced.
     */
    public CompletableFuture<CommandOutcome<Incident>> declare(DeclareIncident draft, CommandContext context) {
        Instant at = draft.occurredAt() == null ? clock.instant() : draft.occurredAt();
        int year = at.atZone(ZoneOffset.UTC).getYear();
        return numbers.next(context.tenant(), year)
                .thenCompose(number -> send(draft.withNumber(number), context));
    }

    /** Sends any other incident command. */
    public CompletableFuture<CommandOutcome<Incident>> send(IncidentCommand command, CommandContext context) {
        return sender.send(command, context);
    }
}

package io.firedrill.application.actionitem;

import io.firedrill.application.command.CommandContext;
import io.firedrill.application.command.CommandOutcome;
import io.firedrill.application.command.CommandSender;
import io.firedrill.application.incident.IncidentHistory;
import io.firedrill.application.incident.IncidentNotFound;
import io.firedrill.domain.actionitem.ActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand;
import io.firedrill.domain.actionitem.ActionItemCommand.CreateActionItem;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;

/**
 * The action item use cases: creating an item (linked, optionally, to an incident of the same tenant) and
 * every other command, through Axon's command gateway. Nothing here blocks: results are futures.
 */
public final class ActionItemCommands {

    private final CommandSender sender;
    private final IncidentHistory incidents;

    public ActionItemCommands(CommandGateway gateway, IncidentHistory incidents) {
        this.sender = new CommandSender(gateway, "action item");
        this.incidents = incidents;
    }

    /**
     * Creates an action item. The incident it names must be one of the tenant's: otherwise the future fails
     * with an {@link IllegalArgumentException} about {@code incidentId} and nothing is recorded.
     */
    public CompletableFuture<CommandOutcome<ActionItem>> create(CreateActionItem command, CommandContext context) {
        if (command.incidentId() == null) {
            return send(command, context);
        }
        return incidents.of(context.tenant(), command.incidentId())
                .handle((events, failure) -> {
                    if (failure != null && CommandSender.unwrap(failure) instanceof IncidentNotFound) {
                        throw new IllegalArgumentException("incidentId names no incident of this tenant: "
                                + command.incidentId());
                    }
                    if (failure != null) {
                        throw new CompletionException(CommandSender.unwrap(failure));
                    }
                    return events;
                })
                .thenCompose(ignored -> send(command, context));
    }

    /** Sends any action item command. */
    public CompletableFuture<CommandOutcome<ActionItem>> send(ActionItemCommand command, CommandContext context) {
        return sender.send(command, context);
    }
}

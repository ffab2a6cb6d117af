package io.firedrill.application.actionitem;

import io.firedrill.application.command.CommandSender;
import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.Failures;
import io.firedrill.application.port.in.actionitem.ActionItemCommands;
import io.firedrill.application.port.in.incident.IncidentNotFound;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.domain.actionitem.ActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.CreateActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.postmortem.PostmortemId;
import io.firedrill.domain.shared.TenantId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;

/**
 * The action item commands: creating an item (linked, optionally, to an incident and to a postmortem of the
 * same tenant) and every other command, through Axon's command gateway. Nothing here blocks: results are
 * futures.
 */
public final class ActionItemCommandService implements ActionItemCommands {

    private final CommandSender sender;
    private final IncidentQueries incidents;
    private final PostmortemLinks postmortems;

    public ActionItemCommandService(CommandGateway gateway, IncidentQueries incidents, PostmortemLinks postmortems) {
        this.sender = new CommandSender(gateway, "action item");
        this.incidents = incidents;
        this.postmortems = postmortems;
    }

    @Override
    public CompletableFuture<CommandOutcome<ActionItem>> create(CreateActionItem command, CommandContext context) {
        return linkedPostmortem(context.tenant(), command)
                .thenCompose(linked -> linked.incidentId() == null ? CompletableFuture.completedFuture(linked)
                        : checkIncident(context.tenant(), linked.incidentId()).thenApply(ignored -> linked))
                .thenCompose(linked -> send(linked, context));
    }

    @Override
    public CompletableFuture<CommandOutcome<ActionItem>> send(ActionItemCommand command, CommandContext context) {
        return sender.send(command, context);
    }

    private CompletableFuture<CreateActionItem> linkedPostmortem(TenantId tenant, CreateActionItem command) {
        if (command.postmortemId() == null) {
            return CompletableFuture.completedFuture(command);
        }
        PostmortemId postmortem;
        try {
            postmortem = PostmortemId.of(command.postmortemId().strip());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("postmortemId must be a postmortem id (a UUID)"));
        }
        return postmortems.incidentOf(tenant, postmortem).thenApply(found -> {
            IncidentId incident = found.orElseThrow(() -> new IllegalArgumentException("postmortemId names no postmortem of this tenant: "
                            + postmortem));
            if (command.incidentId() != null && !command.incidentId().equals(incident)) {
                throw new IllegalArgumentException("postmortemId is the postmortem of incident " + incident
                        + ", not of incidentId " + command.incidentId());
            }
            return new CreateActionItem(command.actionItemId(), command.by(), command.title(), command.description(),
                    command.owner(), command.dueDate(), command.priority(), command.kind(), incident,
                    postmortem.toString(), command.drillRunId());
        });
    }

    private CompletableFuture<Void> checkIncident(TenantId tenant, IncidentId incident) {
        return incidents.history(tenant, incident).handle((events, failure) -> {
            if (failure != null && Failures.unwrap(failure) instanceof IncidentNotFound) {
                throw new IllegalArgumentException("incidentId names no incident of this tenant: " + incident);
            }
            if (failure != null) {
                throw new CompletionException(Failures.unwrap(failure));
            }
            return null;
        });
    }
}

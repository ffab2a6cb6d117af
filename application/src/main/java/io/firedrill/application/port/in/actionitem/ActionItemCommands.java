package io.firedrill.application.port.in.actionitem;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.domain.actionitem.ActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.CreateActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand;
import java.util.concurrent.CompletableFuture;

/** The action item commands. Nothing here blocks: results are futures. */
public interface ActionItemCommands {

    /**
     * Creates an action item. The incident and the postmortem it names must be the tenant's, and a postmortem
     * must be the incident's (an item that names only a postmortem is linked to its incident too): otherwise the
     * future fails with an {@link IllegalArgumentException} about {@code incidentId} or {@code postmortemId} and
     * nothing is recorded.
     */
    CompletableFuture<CommandOutcome<ActionItem>> create(CreateActionItem command, CommandContext context);

    /** Sends any action item command. */
    CompletableFuture<CommandOutcome<ActionItem>> send(ActionItemCommand command, CommandContext context);
}

package io.firedrill.application.actionitem;

import io.firedrill.application.command.SourcedCommandHandler;
import java.time.Clock;
import org.axonframework.eventsourcing.configuration.EventSourcingConfigurer;

/** Registers the action item slice with Axon: one handler for every action item command (names and tags: {@code FiredrillCore}). */
public final class ActionItemModule {

    private ActionItemModule() {
    }

    public static EventSourcingConfigurer register(EventSourcingConfigurer configurer, Clock clock) {
        return configurer.registerCommandHandlingModule(SourcedCommandHandler.module("action-item-commands",
                ActionItemMessages.CATALOG.commandNames(), new ActionItemModel(), clock));
    }
}

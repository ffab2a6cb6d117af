package io.firedrill.application.postmortem;

import io.firedrill.application.command.SourcedCommandHandler;
import java.time.Clock;
import org.axonframework.eventsourcing.configuration.EventSourcingConfigurer;

/** Registers the postmortem slice with Axon: one handler for every postmortem command (names and tags: {@code FiredrillCore}). */
public final class PostmortemModule {

    private PostmortemModule() {
    }

    public static EventSourcingConfigurer register(EventSourcingConfigurer configurer, Clock clock) {
        return configurer.registerCommandHandlingModule(SourcedCommandHandler.module("postmortem-commands",
                PostmortemMessages.CATALOG.commandNames(), new PostmortemModel(), clock));
    }
}

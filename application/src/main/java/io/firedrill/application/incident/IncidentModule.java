package io.firedrill.application.incident;

import io.firedrill.application.command.SourcedCommandHandler;
import java.time.Clock;
import org.axonframework.eventsourcing.configuration.EventSourcingConfigurer;

/** Registers the incident slice with Axon: one handler for every incident command (names and tags: {@code FiredrillCore}). */
public final class IncidentModule {

    private IncidentModule() {
    }

    public static EventSourcingConfigurer register(EventSourcingConfigurer configurer, Clock clock) {
        return configurer.registerCommandHandlingModule(SourcedCommandHandler.module("incident-commands",
                IncidentMessages.commandNames(), new IncidentModel(), clock));
    }
}

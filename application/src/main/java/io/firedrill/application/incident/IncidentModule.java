package io.firedrill.application.incident;

import java.time.Clock;
import org.axonframework.conversion.Converter;
import org.axonframework.eventsourcing.configuration.EventSourcingConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.commandhandling.configuration.CommandHandlingModule;
import org.axonframework.messaging.core.QualifiedName;

/** Registers the incident slice with Axon: one handler for every incident command (names and tags: {@code FiredrillCore}). */
public final class IncidentModule {

    private IncidentModule() {
    }

    public static EventSourcingConfigurer register(EventSourcingConfigurer configurer, Clock clock) {
        var module = CommandHandlingModule.named("incident-commands").commandHandlers(handlers -> {
            for (QualifiedName name : IncidentMessages.commandNames()) {
                handlers.commandHandler(name, configuration -> new IncidentCommandHandler(
                        configuration.getComponent(EventStore.class), configuration.getComponent(Converter.class), clock));
            }
        });
        return configurer
                .registerCommandHandlingModule(module);
    }
}

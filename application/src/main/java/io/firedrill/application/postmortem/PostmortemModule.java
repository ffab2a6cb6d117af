package io.firedrill.application.postmortem;

import io.firedrill.application.command.SourcedCommandHandler;
import java.time.Clock;
import java.util.List;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.eventsourcing.configuration.EventSourcingConfigurer;

/** Registers the postmortem slice with Axon: one handler for every postmortem command (names and tags: {@code FiredrillCore}). */
public final class PostmortemModule {

    private PostmortemModule() {
    }

    /** Publishing is handled apart: it decides over the postmortem's and the incident's logs together. */
    public static EventSourcingConfigurer register(EventSourcingConfigurer configurer, Clock clock) {
        QualifiedName publish = PostmortemMessages.CATALOG.commandNames().stream()
                .filter(name -> name.name().equals("postmortem.PublishPostmortem")).findFirst().orElseThrow();
        List<QualifiedName> others = PostmortemMessages.CATALOG.commandNames().stream()
                .filter(name -> !name.equals(publish)).toList();
        return configurer
                .registerCommandHandlingModule(SourcedCommandHandler.module("postmortem-commands", others,
                        new PostmortemModel(), clock))
                .registerCommandHandlingModule(SourcedCommandHandler.module("postmortem-publication", List.of(publish),
                        new PublicationModel(), clock));
    }
}

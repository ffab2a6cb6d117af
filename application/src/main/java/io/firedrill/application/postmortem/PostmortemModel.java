package io.firedrill.application.postmortem;

import io.firedrill.application.command.SourcedModel;
import io.firedrill.domain.postmortem.Postmortem;
import io.firedrill.domain.postmortem.PostmortemCommand;
import io.firedrill.domain.postmortem.PostmortemCommand.DraftPostmortem;
import io.firedrill.domain.postmortem.PostmortemDecider;
import io.firedrill.domain.postmortem.PostmortemEvent;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.conversion.Converter;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventstreaming.EventCriteria;

/** The postmortem as the generic command handler sees it: {@link PostmortemDecider} over its tagged events. */
final class PostmortemModel implements SourcedModel<PostmortemCommand, PostmortemEvent, Postmortem> {

    @Override
    public String subject() {
        return "postmortem";
    }

    @Override
    public EventCriteria criteria(TenantId tenant, PostmortemCommand command) {
        return PostmortemMessages.criteria(tenant, command.postmortemId());
    }

    @Override
    public Optional<PostmortemEvent> eventOf(EventMessage message, Converter converter) {
        return PostmortemMessages.eventOf(message, converter);
    }

    @Override
    public Postmortem empty() {
        return Postmortem.EMPTY;
    }

    @Override
    public Postmortem evolve(Postmortem state, PostmortemEvent event) {
        return PostmortemDecider.evolve(state, event);
    }

    @Override
    public boolean exists(Postmortem state) {
        return state.drafted();
    }

    @Override
    public boolean creates(PostmortemCommand command) {
        return command instanceof DraftPostmortem;
    }

    @Override
    public RuntimeException notFound(PostmortemCommand command) {
        return new PostmortemNotFound("The incident has no postmortem yet: draft it first with POST .../postmortem.");
    }

    @Override
    public long version(Postmortem state) {
        return state.version();
    }

    @Override
    public List<PostmortemEvent> decide(PostmortemCommand command, Postmortem state, Instant now) {
        return PostmortemDecider.decide(command, state, now);
    }

    @Override
    public MessageType typeOf(PostmortemEvent event) {
        return PostmortemMessages.CATALOG.typeOf(event);
    }

    @Override
    public Instant recordedAt(PostmortemEvent event) {
        return event.occurredAt();
    }

    @Override
    public MessageType resultType() {
        return PostmortemMessages.CATALOG.result();
    }
}

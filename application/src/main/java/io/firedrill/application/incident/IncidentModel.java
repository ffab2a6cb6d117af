package io.firedrill.application.incident;

import io.firedrill.application.command.SourcedModel;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentCommand;
import io.firedrill.domain.incident.IncidentCommand.DeclareIncident;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.conversion.Converter;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventstreaming.EventCriteria;

/** The incident as the generic command handler sees it: {@link IncidentDecider} over the incident's tagged events. */
final class IncidentModel implements SourcedModel<IncidentCommand, IncidentEvent, Incident> {

    @Override
    public String subject() {
        return "incident";
    }

    @Override
    public EventCriteria criteria(TenantId tenant, IncidentCommand command) {
        return IncidentMessages.criteria(tenant, command.incidentId());
    }

    @Override
    public Optional<IncidentEvent> eventOf(EventMessage message, Converter converter) {
        return IncidentMessages.eventOf(message, converter);
    }

    @Override
    public Incident empty() {
        return Incident.EMPTY;
    }

    @Override
    public Incident evolve(Incident state, IncidentEvent event) {
        return IncidentDecider.evolve(state, event);
    }

    /** One mutable copy per fold (IncidentDecider.fold): evolving event by event copies an incident's maps. */
    @Override
    public Incident fold(List<IncidentEvent> events) {
        return IncidentDecider.fold(events);
    }

    @Override
    public Incident fold(Incident state, List<IncidentEvent> events) {
        return IncidentDecider.fold(state, events);
    }

    @Override
    public boolean exists(Incident state) {
        return state.declared();
    }

    @Override
    public boolean creates(IncidentCommand command) {
        return command instanceof DeclareIncident;
    }

    @Override
    public RuntimeException notFound(IncidentCommand command) {
        return new IncidentNotFound(command.incidentId());
    }

    @Override
    public long version(Incident state) {
        return state.version();
    }

    @Override
    public List<IncidentEvent> decide(IncidentCommand command, Incident state, Instant now) {
        return IncidentDecider.decide(command, state, now);
    }

    @Override
    public MessageType typeOf(IncidentEvent event) {
        return IncidentMessages.typeOf(event);
    }

    @Override
    public Instant recordedAt(IncidentEvent event) {
        return event.recordedAt();
    }

    @Override
    public MessageType resultType() {
        return IncidentMessages.RESULT;
    }
}

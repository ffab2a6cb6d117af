package io.firedrill.application.postmortem;

import io.firedrill.application.incident.IncidentSlice;
import io.firedrill.application.port.in.incident.IncidentNotFound;
import io.firedrill.application.port.in.postmortem.PostmortemNotFound;
import io.firedrill.application.slice.SourcedModel;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentCommand.MarkReviewed;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.postmortem.Postmortem;
import io.firedrill.domain.postmortem.PostmortemCommand.PublishPostmortem;
import io.firedrill.domain.postmortem.PostmortemDecider;
import io.firedrill.domain.postmortem.PostmortemEvent;
import io.firedrill.domain.postmortem.PostmortemRuleViolation;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.eventstreaming.EventCriteria;

/**
 * Publishing as one decision over two logs: the postmortem's and its incident's events are sourced together,
 * and {@code PostmortemPublished} and the incident's {@code IncidentReviewed} are appended in one transaction
 * whose condition covers both. So a postmortem is never published without its incident being reviewed, and a
 * competing change to the incident (a reopen) makes the publication decide again instead of half-happening.
 */
final class PublicationModel implements SourcedModel<PublishPostmortem, Object, PublicationModel.Publication> {

    /** The postmortem and its incident. */
    record Publication(Postmortem postmortem, Incident incident) {
    }

    @Override
    public String subject() {
        return "postmortem";
    }

    @Override
    public EventCriteria criteria(TenantId tenant, PublishPostmortem command) {
        return EventCriteria.either(PostmortemSlice.criteria(tenant, command.postmortemId()),
                IncidentSlice.criteria(tenant, command.incidentId()));
    }

    @Override
    public Publication empty() {
        return new Publication(Postmortem.EMPTY, Incident.EMPTY);
    }

    /** The incident's events are folded together ({@code IncidentDecider.fold}: one copy of its maps). */

    @Override
    public Publication fold(Publication state, List<Object> events) {
        Postmortem postmortem = state.postmortem();
        List<IncidentEvent> incidentEvents = new ArrayList<>();
        for (Object event : events) {
            switch (event) {
                case PostmortemEvent e -> postmortem = PostmortemDecider.evolve(postmortem, e);
                case IncidentEvent e -> incidentEvents.add(e);
                default -> throw new IllegalStateException("unexpected event " + event.getClass().getName());
            }
        }
        return new Publication(postmortem, IncidentDecider.fold(state.incident(), incidentEvents));
    }

    @Override
    public boolean exists(Publication state) {
        return state.postmortem().drafted();
    }

    @Override
    public boolean creates(PublishPostmortem command) {
        return false;
    }

    @Override
    public RuntimeException notFound(PublishPostmortem command) {
        return new PostmortemNotFound("Incident " + command.incidentId() + " has no postmortem yet: draft it first.");
    }

    @Override
    public long version(Publication state) {
        return state.postmortem().version();
    }

    /** The postmortem's events and the incident's, which can be thousands of alerts. */
    @Override
    public long weight(Publication state) {
        return state.postmortem().version() + state.incident().version();
    }

    @Override
    public List<Object> decide(PublishPostmortem command, Publication state, Instant now) {
        Incident incident = state.incident();
        if (!incident.declared()) {
            throw new IncidentNotFound(command.incidentId());
        }
        boolean reviewed = incident.status() == IncidentStatus.REVIEWED
                && command.postmortemId().toString().equals(incident.postmortemId());
        if (!reviewed && incident.status() != IncidentStatus.RECOVERED) {
            throw new PostmortemRuleViolation(PostmortemRuleViolation.Rule.INCIDENT_NOT_RECOVERED,
                    "Incident " + command.incidentId() + " is " + incident.status()
                            + ": a postmortem is published once the incident is recovered.");
        }
        List<Object> events = new ArrayList<>(PostmortemDecider.decide(command, state.postmortem(), now));
        if (!reviewed) {
            events.addAll(IncidentDecider.decide(new MarkReviewed(command.incidentId(), command.by(),
                    command.postmortemId().toString(), null), incident, now));
        }
        return events;
    }

    @Override
    public Instant recordedAt(Object event) {
        return switch (event) {
            case PostmortemEvent e -> e.occurredAt();
            case IncidentEvent e -> e.recordedAt();
            default -> throw new IllegalArgumentException("not an event: " + event.getClass().getName());
        };
    }

    @Override
    public MessageType resultType() {
        return PostmortemSlice.EVENTS.resultType();
    }
}

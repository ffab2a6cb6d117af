package io.firedrill.application.incident;

import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.incident.IncidentCommands;
import io.firedrill.application.port.in.incident.IncidentNotFound;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.out.IncidentListViews;
import io.firedrill.application.port.out.IncidentNumbers;
import io.firedrill.application.slice.EventTypes;
import io.firedrill.application.slice.Processor;
import io.firedrill.application.slice.RowProjection;
import io.firedrill.application.slice.ProjectedRows;
import io.firedrill.application.slice.Slice;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.application.slice.SourcedModel;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentCommand.DeclareIncident;
import io.firedrill.domain.incident.IncidentCommand;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentEvent.AlertReceived;
import io.firedrill.domain.incident.IncidentEvent.CommanderHandedOver;
import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentClosedAsDuplicate;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentReopened;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.IncidentReviewed;
import io.firedrill.domain.incident.IncidentEvent.MilestoneTimeCorrected;
import io.firedrill.domain.incident.IncidentEvent.MitigationStarted;
import io.firedrill.domain.incident.IncidentEvent.NoteAdded;
import io.firedrill.domain.incident.IncidentEvent.ResponderAdded;
import io.firedrill.domain.incident.IncidentEvent.ResponderRemoved;
import io.firedrill.domain.incident.IncidentEvent.SeverityDowngraded;
import io.firedrill.domain.incident.IncidentEvent.SeverityEscalated;
import io.firedrill.domain.incident.IncidentEvent.StatusUpdatePosted;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentNumber;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.Tag;

/**
 * The incident slice: its stored event names (explicit, version 1, never derived from class names), the
 * tags that find one incident's events (the incident and the tenant), its decider, its use cases and the
 * incident list projection.
 */
public final class IncidentSlice implements Slice {

    /** The incident list projection's processor, under whose name its tokens are stored. */
    public static final String LIST_PROCESSOR = "incident-list";

    /** The tag key of the incident id. */
    public static final String INCIDENT_ID = "incidentId";

    /** What the incident slice stores. */
    public static final EventTypes<IncidentEvent> EVENTS = EventTypes.of("incident", IncidentEvent.class)
            .event("incident.IncidentDeclared", 1, IncidentDeclared.class)
            .event("incident.IncidentAcknowledged", 1, IncidentAcknowledged.class)
            .event("incident.MitigationStarted", 1, MitigationStarted.class)
            .event("incident.IncidentResolved", 1, IncidentResolved.class)
            .event("incident.IncidentReopened", 1, IncidentReopened.class)
            .event("incident.SeverityEscalated", 1, SeverityEscalated.class)
            .event("incident.SeverityDowngraded", 1, SeverityDowngraded.class)
            .event("incident.CommanderHandedOver", 1, CommanderHandedOver.class)
            .event("incident.ResponderAdded", 1, ResponderAdded.class)
            .event("incident.ResponderRemoved", 1, ResponderRemoved.class)
            .event("incident.NoteAdded", 1, NoteAdded.class)
            .event("incident.StatusUpdatePosted", 1, StatusUpdatePosted.class)
            .event("incident.IncidentClosedAsDuplicate", 1, IncidentClosedAsDuplicate.class)
            .event("incident.MilestoneTimeCorrected", 1, MilestoneTimeCorrected.class)
            .event("incident.IncidentReviewed", 1, IncidentReviewed.class)
            .event("incident.AlertReceived", 1, AlertReceived.class)
            .commands(IncidentCommand.class)
            .subjectTags(INCIDENT_ID, IncidentEvent::incidentId)
            .valueType(IncidentId.class, IncidentId::of)
            .valueType(IncidentNumber.class, IncidentNumber::new)
            .valueType(TenantId.class, TenantId::new)
            .build();

    /** The incident as the command handler decides over it. */
    static final SourcedModel<IncidentCommand, IncidentEvent, Incident> MODEL =
            SourcedModel.<IncidentCommand, IncidentEvent, Incident>builder("incident", EVENTS)
                    .criteria((tenant, command) -> criteria(tenant, command.incidentId()))
                    .state(Incident.EMPTY, IncidentDecider::fold, Incident::version)
                    .createdBy(command -> command instanceof DeclareIncident, Incident::declared,
                            command -> new IncidentNotFound(command.incidentId()))
                    .decide(IncidentDecider::decide)
                    .recordedAt(IncidentEvent::recordedAt)
                    .build();

    /** The criteria that select one incident's events within one tenant. */
    public static EventCriteria criteria(TenantId tenant, IncidentId id) {
        return EventCriteria.havingTags(Tag.of(INCIDENT_ID, id.toString()), Tag.of(CommandMetadata.TENANT, tenant.value()));
    }

    @Override
    public String name() {
        return "incident";
    }

    @Override
    public EventTypes<IncidentEvent> events() {
        return EVENTS;
    }

    @Override
    public List<CommandModule> commands() {
        return List.of(new CommandModule("incident-commands", EVENTS.commands(), MODEL));
    }

    @Override
    public void wire(SliceWiring wiring) {
        wiring.provide(IncidentQueries.class, () -> new IncidentQueryService(wiring, wiring.require(IncidentListViews.class)));
        wiring.provide(IncidentCommands.class, () -> new IncidentCommandService(wiring.commandGateway(),
                wiring.require(IncidentNumbers.class), wiring.clock(), wiring.port(IncidentQueries.class)));
        // The list folds each event into its incident's row with the same evolve commands use, idempotent by position.
        wiring.processor(Processor.readModel(LIST_PROCESSOR, () -> {
            IncidentListViews views = wiring.require(IncidentListViews.class);
            return new ProjectedRows<>(EVENTS, wiring, IncidentEvent::incidentId, (tenant, event, position) ->
                    views.apply(tenant, event.incidentId(), position, state -> IncidentDecider.evolve(state, event)))
                    .component();
        }, () -> wiring.require(IncidentListViews.class).clear(),
                () -> new RowProjection<>(EVENTS, wiring, event -> event.incidentId().value(), Incident.EMPTY, IncidentDecider::evolve,
                        () -> wiring.require(IncidentListViews.class))));
    }
}

package io.firedrill.application.incident;

import io.firedrill.application.command.CommandMetadata;
import io.firedrill.application.command.MessageCatalog;
import io.firedrill.domain.incident.IncidentCommand;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.conversion.Converter;
import org.axonframework.eventsourcing.eventstore.TagResolver;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.MessageTypeResolver;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.Tag;

/**
 * The names under which incident messages travel and are stored, and the tags that find an incident's
 * events. Names are explicit ({@code incident.AcknowledgeIncident}, {@code incident.IncidentAcknowledged},
 * version 1), never derived from class names, so moving a class cannot rename stored history.
 */
public final class IncidentMessages {

    /** The metadata key and tag key of the tenant. */
    public static final String TENANT = CommandMetadata.TENANT;
    /** The metadata key of the actor ({@code kind:name}). */
    public static final String ACTOR = CommandMetadata.ACTOR;
    /** The metadata key of the source ({@code api}, {@code webhook}, ...). */
    public static final String SOURCE = CommandMetadata.SOURCE;
    /** The tag key of the incident id. */
    public static final String INCIDENT_ID = "incidentId";
    /** The metadata key of the client's idempotency key. */
    public static final String IDEMPOTENCY_KEY = CommandMetadata.IDEMPOTENCY_KEY;
    /** The metadata key of the fingerprint of the request sent under the idempotency key. */
    public static final String REQUEST_HASH = CommandMetadata.REQUEST_HASH;

    private static final MessageCatalog CATALOG = new MessageCatalog("incident", IncidentEvent.SCHEMA_VERSION,
            IncidentCommand.class, IncidentEvent.typeNames(), IncidentEvent::typeFor);
    static final MessageType RESULT = CATALOG.result();

    private IncidentMessages() {
    }

    /** Resolves the explicit names of incident commands, events and results; other classes are unknown. */
    public static MessageTypeResolver typeResolver() {
        return CATALOG.resolver();
    }

    /** The qualified names of every incident command, which the command handler subscribes to. */
    static List<QualifiedName> commandNames() {
        return CATALOG.commandNames();
    }

    /** The qualified names of every incident event. */
    public static Set<QualifiedName> eventNames() {
        return CATALOG.eventNames();
    }

    static MessageType typeOf(Object message) {
        return CATALOG.typeOf(message);
    }

    /** Tags incident events with their incident and tenant; other events get no tags from here. */
    public static TagResolver tagResolver() {
        return event -> event.payload() instanceof IncidentEvent incident
                ? tags(incident.incidentId(), event.metadata().get(TENANT))
                : Set.of();
    }

    /** The criteria that select one incident's events within one tenant. */
    public static EventCriteria criteria(TenantId tenant, IncidentId id) {
        return EventCriteria.havingTags(Tag.of(INCIDENT_ID, id.toString()), Tag.of(TENANT, tenant.value()));
    }

    private static Set<Tag> tags(IncidentId id, String tenant) {
        if (tenant == null) {
            throw new IllegalStateException("incident event of " + id + " has no tenant in its metadata");
        }
        return Set.of(Tag.of(INCIDENT_ID, id.toString()), Tag.of(TENANT, tenant));
    }

    /** The incident event a stored or in-flight message carries, converted from its stored JSON if needed. */
    public static Optional<IncidentEvent> eventOf(EventMessage message, Converter converter) {
        return IncidentEvent.typeFor(message.type().name())
                .map(type -> message.payloadAs(type, converter));
    }
}

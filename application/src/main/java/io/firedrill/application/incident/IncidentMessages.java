package io.firedrill.application.incident;

import io.firedrill.domain.incident.IncidentCommand;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.TenantId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    public static final String TENANT = "tenant";
    /** The metadata key of the actor ({@code kind:name}). */
    public static final String ACTOR = "actor";
    /** The metadata key of the source ({@code api}, {@code webhook}, ...). */
    public static final String SOURCE = "source";
    /** The tag key of the incident id. */
    public static final String INCIDENT_ID = "incidentId";
    /** The metadata key of the client's idempotency key. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    /** The metadata key of the fingerprint of the request sent under the idempotency key. */
    public static final String REQUEST_HASH = "requestHash";
    /** The metadata key of the version the sender expects. */
    static final String EXPECTED_VERSION = "expectedVersion";

    static final String VERSION = String.valueOf(IncidentEvent.SCHEMA_VERSION);
    static final MessageType RESULT = new MessageType("incident.CommandOutcome", VERSION);

    private static final Map<Class<?>, MessageType> TYPES = new HashMap<>();

    static {
        for (Class<?> command : IncidentCommand.class.getPermittedSubclasses()) {
            TYPES.put(command, new MessageType("incident." + command.getSimpleName(), VERSION));
        }
        for (String name : IncidentEvent.typeNames()) {
            TYPES.put(IncidentEvent.typeFor(name).orElseThrow(), new MessageType(name, VERSION));
        }
        TYPES.put(CommandOutcome.class, RESULT);
    }

    private IncidentMessages() {
    }

    /** Resolves the explicit names of incident commands, events and results; other classes are unknown. */
    public static MessageTypeResolver typeResolver() {
        return type -> Optional.ofNullable(TYPES.get(type));
    }

    /** The qualified names of every incident command, which the command handler subscribes to. */
    static List<QualifiedName> commandNames() {
        return java.util.Arrays.stream(IncidentCommand.class.getPermittedSubclasses())
                .map(type -> TYPES.get(type).qualifiedName())
                .toList();
    }

    /** The qualified names of every incident event. */
    public static Set<QualifiedName> eventNames() {
        return IncidentEvent.typeNames().stream().map(QualifiedName::new).collect(java.util.stream.Collectors.toSet());
    }

    static MessageType typeOf(Object message) {
        MessageType type = TYPES.get(message.getClass());
        if (type == null) {
            throw new IllegalArgumentException("no stored name for " + message.getClass().getName());
        }
        return type;
    }

    /** Tags incident events with their incident and tenant; other events get no tags from here. */
    public static TagResolver tagResolver() {
        return event -> event.payload() instanceof IncidentEvent incident
                ? tags(incident.incidentId(), event.metadata().get(TENANT))
                : Set.of();
    }

    /** The criteria that select one incident's events within one tenant. */
    static EventCriteria criteria(TenantId tenant, IncidentId id) {
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

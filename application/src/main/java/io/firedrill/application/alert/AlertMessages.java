package io.firedrill.application.alert;

import io.firedrill.domain.alert.AlertEvent;
import io.firedrill.domain.alert.IntegrationId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.conversion.Converter;
import org.axonframework.eventsourcing.eventstore.TagResolver;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventstreaming.Tag;

/**
 * The names under which alert facts are stored ({@code alert.AlertsReceived}, version 1) and their tags
 * (the integration and the tenant).
 */
public final class AlertMessages {

    /** The tag key of the integration id. */
    public static final String INTEGRATION_ID = "integrationId";
    /** The tag and metadata key of the tenant (the same as for incidents). */
    public static final String TENANT = "tenant";

    static final MessageType ALERTS_RECEIVED = new MessageType("alert.AlertsReceived",
            String.valueOf(AlertEvent.SCHEMA_VERSION));

    private static final Map<Class<?>, MessageType> TYPES = Map.of(AlertEvent.AlertsReceived.class, ALERTS_RECEIVED);

    private AlertMessages() {
    }

    /** The stored name of an alert fact class, if it is one. */
    public static Optional<MessageType> typeOf(Class<?> type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    /** Tags alert facts with their integration and tenant; other events get no tags from here. */
    public static TagResolver tagResolver() {
        return event -> event.payload() instanceof AlertEvent alert
                ? tags(alert.integrationId(), event.metadata().get(TENANT))
                : Set.of();
    }

    private static Set<Tag> tags(IntegrationId id, String tenant) {
        if (tenant == null) {
            throw new IllegalStateException("alert fact of integration " + id + " has no tenant in its metadata");
        }
        return Set.of(Tag.of(INTEGRATION_ID, id.toString()), Tag.of(TENANT, tenant));
    }

    /** The alert fact a stored or in-flight message carries, converted from its stored JSON if needed. */
    public static Optional<AlertEvent> eventOf(EventMessage message, Converter converter) {
        return AlertEvent.typeFor(message.type().name()).map(type -> message.payloadAs(type, converter));
    }
}

package io.firedrill.application.postmortem;

import io.firedrill.application.command.CommandMetadata;
import io.firedrill.application.command.MessageCatalog;
import io.firedrill.domain.postmortem.PostmortemCommand;
import io.firedrill.domain.postmortem.PostmortemEvent;
import io.firedrill.domain.postmortem.PostmortemId;
import io.firedrill.domain.shared.TenantId;
import java.util.Optional;
import java.util.Set;
import org.axonframework.conversion.Converter;
import org.axonframework.eventsourcing.eventstore.TagResolver;
import org.axonframework.messaging.core.MessageTypeResolver;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.Tag;

/**
 * The names under which postmortem messages travel and are stored ({@code postmortem.EditPostmortem},
 * {@code postmortem.PostmortemEdited}, version 1) and the tags that find one postmortem's events (the
 * postmortem and the tenant).
 */
public final class PostmortemMessages {

    /** The tag key of the postmortem id. */
    public static final String POSTMORTEM_ID = "postmortemId";

    static final MessageCatalog CATALOG = new MessageCatalog("postmortem", PostmortemEvent.SCHEMA_VERSION,
            PostmortemCommand.class, PostmortemEvent.typeNames(), PostmortemEvent::typeFor);

    private PostmortemMessages() {
    }

    /** Resolves the explicit names of postmortem commands and events; other classes are unknown. */
    public static MessageTypeResolver typeResolver() {
        return CATALOG.resolver();
    }

    /** Tags postmortem events with their postmortem and tenant; other events get no tags from here. */
    public static TagResolver tagResolver() {
        return event -> {
            if (!(event.payload() instanceof PostmortemEvent postmortem)) {
                return Set.of();
            }
            String tenant = event.metadata().get(CommandMetadata.TENANT);
            if (tenant == null) {
                throw new IllegalStateException("event of postmortem " + postmortem.postmortemId() + " has no tenant");
            }
            return Set.of(Tag.of(POSTMORTEM_ID, postmortem.postmortemId().toString()),
                    Tag.of(CommandMetadata.TENANT, tenant));
        };
    }

    /** The criteria that select one postmortem's events within one tenant. */
    public static EventCriteria criteria(TenantId tenant, PostmortemId id) {
        return EventCriteria.havingTags(Tag.of(POSTMORTEM_ID, id.toString()), Tag.of(CommandMetadata.TENANT, tenant.value()));
    }

    /** The postmortem event a stored or in-flight message carries, converted from its stored JSON if needed. */
    public static Optional<PostmortemEvent> eventOf(EventMessage message, Converter converter) {
        return PostmortemEvent.typeFor(message.type().name()).map(type -> message.payloadAs(type, converter));
    }
}

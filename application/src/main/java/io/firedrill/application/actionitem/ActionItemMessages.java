package io.firedrill.application.actionitem;

import io.firedrill.application.command.CommandMetadata;
import io.firedrill.application.command.MessageCatalog;
import io.firedrill.domain.actionitem.ActionItemCommand;
import io.firedrill.domain.actionitem.ActionItemEvent;
import io.firedrill.domain.actionitem.ActionItemId;
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
 * The names under which action item messages travel and are stored ({@code actionitem.CreateActionItem},
 * {@code actionitem.ActionItemCreated}, version 1) and the tags that find one item's events (the item and
 * the tenant).
 */
public final class ActionItemMessages {

    /** The tag key of the action item id. */
    public static final String ACTION_ITEM_ID = "actionItemId";

    static final MessageCatalog CATALOG = new MessageCatalog("actionitem", ActionItemEvent.SCHEMA_VERSION,
            ActionItemCommand.class, ActionItemEvent.typeNames(), ActionItemEvent::typeFor);

    private ActionItemMessages() {
    }

    /** Resolves the explicit names of action item commands and events; other classes are unknown. */
    public static MessageTypeResolver typeResolver() {
        return CATALOG.resolver();
    }

    /** Tags action item events with their item and tenant; other events get no tags from here. */
    public static TagResolver tagResolver() {
        return event -> {
            if (!(event.payload() instanceof ActionItemEvent item)) {
                return Set.of();
            }
            String tenant = event.metadata().get(CommandMetadata.TENANT);
            if (tenant == null) {
                throw new IllegalStateException("event of action item " + item.actionItemId() + " has no tenant");
            }
            return Set.of(Tag.of(ACTION_ITEM_ID, item.actionItemId().toString()), Tag.of(CommandMetadata.TENANT, tenant));
        };
    }

    /** The criteria that select one action item's events within one tenant. */
    static EventCriteria criteria(TenantId tenant, ActionItemId id) {
        return EventCriteria.havingTags(Tag.of(ACTION_ITEM_ID, id.toString()), Tag.of(CommandMetadata.TENANT, tenant.value()));
    }

    /** The action item event a stored or in-flight message carries, converted from its stored JSON if needed. */
    public static Optional<ActionItemEvent> eventOf(EventMessage message, Converter converter) {
        return ActionItemEvent.typeFor(message.type().name()).map(type -> message.payloadAs(type, converter));
    }
}

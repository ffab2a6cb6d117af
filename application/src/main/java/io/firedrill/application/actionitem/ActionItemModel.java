package io.firedrill.application.actionitem;

import io.firedrill.application.command.SourcedModel;
import io.firedrill.domain.actionitem.ActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand;
import io.firedrill.domain.actionitem.ActionItemCommand.CreateActionItem;
import io.firedrill.domain.actionitem.ActionItemDecider;
import io.firedrill.domain.actionitem.ActionItemEvent;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.conversion.Converter;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventstreaming.EventCriteria;

/** The action item as the generic command handler sees it: {@link ActionItemDecider} over the item's tagged events. */
final class ActionItemModel implements SourcedModel<ActionItemCommand, ActionItemEvent, ActionItem> {

    @Override
    public String subject() {
        return "action item";
    }

    @Override
    public EventCriteria criteria(TenantId tenant, ActionItemCommand command) {
        return ActionItemMessages.criteria(tenant, command.actionItemId());
    }

    @Override
    public Optional<ActionItemEvent> eventOf(EventMessage message, Converter converter) {
        return ActionItemMessages.eventOf(message, converter);
    }

    @Override
    public ActionItem empty() {
        return ActionItem.EMPTY;
    }

    @Override
    public ActionItem evolve(ActionItem state, ActionItemEvent event) {
        return ActionItemDecider.evolve(state, event);
    }

    @Override
    public boolean exists(ActionItem state) {
        return state.created();
    }

    @Override
    public boolean creates(ActionItemCommand command) {
        return command instanceof CreateActionItem;
    }

    @Override
    public RuntimeException notFound(ActionItemCommand command) {
        return new ActionItemNotFound(command.actionItemId());
    }

    @Override
    public long version(ActionItem state) {
        return state.version();
    }

    @Override
    public List<ActionItemEvent> decide(ActionItemCommand command, ActionItem state, Instant now) {
        return ActionItemDecider.decide(command, state, now);
    }

    @Override
    public MessageType typeOf(ActionItemEvent event) {
        return ActionItemMessages.CATALOG.typeOf(event);
    }

    @Override
    public Instant recordedAt(ActionItemEvent event) {
        return event.occurredAt();
    }

    @Override
    public MessageType resultType() {
        return ActionItemMessages.CATALOG.result();
    }
}

package io.firedrill.application.actionitem;

import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.actionitem.ActionItemCommands;
import io.firedrill.application.port.in.actionitem.ActionItemNotFound;
import io.firedrill.application.port.in.actionitem.ActionItemQueries;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.out.ActionItemViews;
import io.firedrill.application.slice.EventTypes;
import io.firedrill.application.slice.Processor;
import io.firedrill.application.slice.RowProjection;
import io.firedrill.application.slice.ProjectedRows;
import io.firedrill.application.slice.Slice;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.application.slice.SourcedModel;
import io.firedrill.domain.actionitem.ActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.CreateActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand;
import io.firedrill.domain.actionitem.ActionItemDecider;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemBecameOverdue;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemBlocked;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemCancelled;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemCompleted;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemCreated;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemDueDateChanged;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemDueSoon;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemOwnerChanged;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemReopened;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemStarted;
import io.firedrill.domain.actionitem.ActionItemEvent;
import io.firedrill.domain.actionitem.ActionItemId;
import io.firedrill.domain.shared.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.Tag;

/**
 * The action item slice: stored names ({@code actionitem.ActionItemCreated}, version 2; the others version 1), tags (the item and the
 * tenant), its decider, its use cases and the action item list projection.
 */
public final class ActionItemSlice implements Slice {

    /** The action item list projection's processor. */
    public static final String LIST_PROCESSOR = "action-item-list";

    /** The tag key of the action item id. */
    public static final String ACTION_ITEM_ID = "actionItemId";

    /** What the action item slice stores. */
    public static final EventTypes<ActionItemEvent> EVENTS = EventTypes.of("actionitem", ActionItemEvent.class)
            .event("actionitem.ActionItemCreated", 2, ActionItemCreated.class)
            .event("actionitem.ActionItemStarted", 1, ActionItemStarted.class)
            .event("actionitem.ActionItemCompleted", 1, ActionItemCompleted.class)
            .event("actionitem.ActionItemBlocked", 1, ActionItemBlocked.class)
            .event("actionitem.ActionItemCancelled", 1, ActionItemCancelled.class)
            .event("actionitem.ActionItemReopened", 1, ActionItemReopened.class)
            .event("actionitem.ActionItemOwnerChanged", 1, ActionItemOwnerChanged.class)
            .event("actionitem.ActionItemDueDateChanged", 1, ActionItemDueDateChanged.class)
            .event("actionitem.ActionItemBecameOverdue", 1, ActionItemBecameOverdue.class)
            .event("actionitem.ActionItemDueSoon", 1, ActionItemDueSoon.class)
            .commands(ActionItemCommand.class)
            .subjectTags(ACTION_ITEM_ID, ActionItemEvent::actionItemId)
            .valueType(ActionItemId.class, ActionItemId::parse)
            // Version 2 names the drill run whose review found the item; version 1 items were found by none.
            .upcaster("actionitem.ActionItemCreated", 1, "actionitem.ActionItemCreated", 2, payload -> {
                Map<String, Object> upcast = new LinkedHashMap<>(payload);
                upcast.put("drillRunId", null);
                return upcast;
            })
            .build();

    static final SourcedModel<ActionItemCommand, ActionItemEvent, ActionItem> MODEL =
            SourcedModel.<ActionItemCommand, ActionItemEvent, ActionItem>builder("action item", EVENTS)
                    .criteria((tenant, command) -> criteria(tenant, command.actionItemId()))
                    .evolving(ActionItem.EMPTY, ActionItemDecider::evolve, ActionItem::version)
                    .createdBy(command -> command instanceof CreateActionItem, ActionItem::created,
                            command -> new ActionItemNotFound(command.actionItemId()))
                    .decide(ActionItemDecider::decide)
                    .recordedAt(ActionItemEvent::occurredAt)
                    .build();

    /** The criteria that select one action item's events within one tenant. */
    public static EventCriteria criteria(TenantId tenant, ActionItemId id) {
        return EventCriteria.havingTags(Tag.of(ACTION_ITEM_ID, id.toString()), Tag.of(CommandMetadata.TENANT, tenant.value()));
    }

    @Override
    public String name() {
        return "actionitem";
    }

    @Override
    public EventTypes<ActionItemEvent> events() {
        return EVENTS;
    }

    @Override
    public List<CommandModule> commands() {
        return List.of(new CommandModule("action-item-commands", EVENTS.commands(), MODEL));
    }

    @Override
    public void wire(SliceWiring wiring) {
        wiring.provide(ActionItemQueries.class, () -> new ActionItemQueryService(wiring, wiring.require(ActionItemViews.class)));
        wiring.provide(ActionItemCommands.class, () -> new ActionItemCommandService(wiring.commandGateway(),
                wiring.port(IncidentQueries.class), wiring.port(PostmortemLinks.class)));
        wiring.processor(Processor.readModel(LIST_PROCESSOR, () -> {
            ActionItemViews views = wiring.require(ActionItemViews.class);
            return new ProjectedRows<>(EVENTS, wiring, ActionItemEvent::actionItemId, (tenant, event, position) ->
                    views.apply(tenant, event.actionItemId(), position, state -> ActionItemDecider.evolve(state, event)))
                    .component();
        }, () -> wiring.require(ActionItemViews.class).clear(),
                () -> new RowProjection<>(EVENTS, wiring, event -> event.actionItemId().value(), ActionItem.EMPTY, ActionItemDecider::evolve,
                        () -> wiring.require(ActionItemViews.class))));
    }
}

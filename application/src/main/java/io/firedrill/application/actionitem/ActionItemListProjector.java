package io.firedrill.application.actionitem;

import io.firedrill.application.command.ProjectedRows;
import io.firedrill.application.port.out.ActionItemViews;
import io.firedrill.domain.actionitem.ActionItemDecider;
import io.firedrill.domain.actionitem.ActionItemEvent;
import java.util.concurrent.Executor;
import org.axonframework.conversion.Converter;
import org.axonframework.messaging.eventhandling.EventHandlingComponent;

/**
 * Feeds the action item read model ({@link ActionItemViews}) from the event log with
 * {@link ActionItemDecider#evolve}, the function commands use. Events of one item are handled in log order;
 * idempotent by log position.
 */
public final class ActionItemListProjector {

    /** The processor's name, under which its tokens are stored. */
    public static final String PROCESSOR = "action-item-list";

    private final ProjectedRows<ActionItemEvent> rows;

    /** @param continuation where handling goes on once the read model has answered; never an event loop thread */
    public ActionItemListProjector(ActionItemViews views, Converter converter, Executor continuation) {
        this.rows = new ProjectedRows<>(ActionItemMessages.CATALOG.eventNames(),
                ProjectedRows.reader(ActionItemMessages::eventOf, converter), ActionItemEvent::actionItemId,
                (tenant, event, position) -> views.apply(tenant, event.actionItemId(), position,
                        state -> ActionItemDecider.evolve(state, event)),
                continuation);
    }

    /** The event handling component to run in a streaming processor. */
    public EventHandlingComponent component() {
        return rows.component();
    }
}

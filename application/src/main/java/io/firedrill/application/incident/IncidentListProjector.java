package io.firedrill.application.incident;

import io.firedrill.application.command.ProjectedRows;
import io.firedrill.application.port.out.IncidentListViews;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentEvent;
import java.util.concurrent.Executor;
import org.axonframework.conversion.Converter;
import org.axonframework.messaging.eventhandling.EventHandlingComponent;

/**
 * Feeds the incident list read model ({@link IncidentListViews}) from the event log: each incident event is
 * folded into its incident's row with {@link IncidentDecider#evolve}, the same function commands use, so
 * the list shows exactly what a fold of the log shows. Events of one incident are handled in log order;
 * different incidents may be handled in parallel. Idempotent by log position.
 */
public final class IncidentListProjector {

    /** The processor's name, under which its tokens are stored. */
    public static final String PROCESSOR = "incident-list";

    private final ProjectedRows<IncidentEvent> rows;

    /** @param continuation where handling goes on once the read model has answered; never an event loop thread */
    public IncidentListProjector(IncidentListViews views, Converter converter, Executor continuation) {
        this.rows = new ProjectedRows<>(IncidentMessages.eventNames(),
                ProjectedRows.reader(IncidentMessages::eventOf, converter), IncidentEvent::incidentId,
                (tenant, event, position) -> views.apply(tenant, event.incidentId(), position,
                        state -> IncidentDecider.evolve(state, event)),
                continuation);
    }

    /** The event handling component to run in a streaming processor. */
    public EventHandlingComponent component() {
        return rows.component();
    }
}

package io.firedrill.application.metrics;

import io.firedrill.application.command.ProjectedRows;
import io.firedrill.application.incident.IncidentMessages;
import io.firedrill.application.port.out.IncidentMetrics;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.metrics.MeasuredIncident;
import java.util.concurrent.Executor;
import org.axonframework.conversion.Converter;
import org.axonframework.messaging.eventhandling.EventHandlingComponent;

/**
 * Feeds the metrics read model ({@link IncidentMetrics}) from the event log with {@link MeasuredIncident#evolve},
 * which folds incidents with the same function commands use. Events of one incident are handled in log order;
 * idempotent by log position, so a rebuild gives the same rows.
 */
public final class IncidentMetricsProjector {

    /** The processor's name, under which its tokens are stored. */
    public static final String PROCESSOR = "incident-metrics";

    private final ProjectedRows<IncidentEvent> rows;

    /** @param continuation where handling goes on once the read model has answered; never an event loop thread */
    public IncidentMetricsProjector(IncidentMetrics metrics, Converter converter, Executor continuation) {
        this.rows = new ProjectedRows<>(IncidentMessages.eventNames(),
                ProjectedRows.reader(IncidentMessages::eventOf, converter), IncidentEvent::incidentId,
                (tenant, event, position) -> metrics.apply(tenant, event.incidentId(), position,
                        state -> MeasuredIncident.evolve(state, event)),
                continuation);
    }

    /** The event handling component to run in a streaming processor. */
    public EventHandlingComponent component() {
        return rows.component();
    }
}

package io.firedrill.application.alert;

import io.firedrill.application.port.in.alert.AlertIntake;
import io.firedrill.application.port.in.alert.IntegrationCatalog;
import io.firedrill.application.port.in.incident.IncidentCommands;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.out.AlertGroups;
import io.firedrill.application.port.out.CredentialVault;
import io.firedrill.application.port.out.Integrations;
import io.firedrill.application.slice.EventTypes;
import io.firedrill.application.slice.Processor;
import io.firedrill.application.slice.Slice;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.domain.alert.AlertEvent.AlertsReceived;
import io.firedrill.domain.alert.AlertEvent;
import io.firedrill.domain.alert.IntegrationId;

/**
 * The alert intake slice: alert deliveries stored as {@code alert.AlertsReceived} (version 1), tagged with the
 * integration and the tenant; the integration catalog, the intake, and the alert grouping automation that turns
 * deliveries into incident commands.
 */
public final class AlertSlice implements Slice {

    /** The tag key of the integration id. */
    public static final String INTEGRATION_ID = "integrationId";

    /** What the alert slice stores. */
    public static final EventTypes<AlertEvent> EVENTS = EventTypes.of("alert", AlertEvent.class)
            .event("alert.AlertsReceived", 1, AlertsReceived.class)
            .subjectTags(INTEGRATION_ID, AlertEvent::integrationId)
            .valueType(IntegrationId.class, IntegrationId::parse)
            .build();

    @Override
    public String name() {
        return "alert";
    }

    @Override
    public EventTypes<AlertEvent> events() {
        return EVENTS;
    }

    @Override
    public void wire(SliceWiring wiring) {
        wiring.provide(AlertIntake.class, () -> new AlertIntakeService(wiring.eventStore(), wiring.unitsOfWork(), wiring.clock()));
        wiring.provide(IntegrationCatalog.class, () -> new IntegrationCatalogService(wiring.require(Integrations.class),
                wiring.require(CredentialVault.class), wiring.require(AlertGroups.class), wiring.clock()));
        wiring.processor(Processor.automation(AlertGroupingProcessor.PROCESSOR, () -> new AlertGroupingProcessor(
                wiring.require(AlertGroups.class), wiring.port(IncidentCommands.class), wiring.port(IncidentQueries.class),
                wiring).component()));
    }
}

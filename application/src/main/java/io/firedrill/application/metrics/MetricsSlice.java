package io.firedrill.application.metrics;

import io.firedrill.application.incident.IncidentSlice;
import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.metrics.Metrics;
import io.firedrill.application.port.out.IncidentMetrics;
import io.firedrill.application.slice.EventTypes;
import io.firedrill.application.slice.Processor;
import io.firedrill.application.slice.RowProjection;
import io.firedrill.application.slice.ProjectedRows;
import io.firedrill.application.slice.Slice;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.application.slice.SourcedModel;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.ResponseTargets;
import io.firedrill.domain.metrics.MeasuredIncident;
import io.firedrill.domain.metrics.MetricSettings.ChooseDefinition;
import io.firedrill.domain.metrics.MetricSettings.DefinitionChosen;
import io.firedrill.domain.metrics.MetricSettings;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.Set;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.Tag;

/**
 * The metrics slice: a tenant's metric settings ({@code metrics.DefinitionChosen}, version 1, tagged with the
 * tenant's settings stream), the metrics use cases, and the {@code incident-metrics} projection of incident events.
 */
public final class MetricsSlice implements Slice {

    /** The metrics projection's processor. */
    public static final String PROJECTION = "incident-metrics";

    /** The tag key of a tenant's metric settings. */
    public static final String SETTINGS = "metricSettings";

    /** What the metrics slice stores. */
    public static final EventTypes<DefinitionChosen> EVENTS = EventTypes.of("metrics", DefinitionChosen.class)
            .event("metrics.DefinitionChosen", 1, DefinitionChosen.class)
            .commands(ChooseDefinition.class)
            .tags((chosen, metadata) -> Set.of(Tag.of(SETTINGS, chosen.tenant().value()),
                    Tag.of(CommandMetadata.TENANT, chosen.tenant().value())))
            .build();

    static final SourcedModel<ChooseDefinition, DefinitionChosen, MetricSettings> MODEL =
            SourcedModel.<ChooseDefinition, DefinitionChosen, MetricSettings>builder("metric settings", EVENTS)
                    .criteria((tenant, command) -> {
                        // The choice names its tenant, whose settings stream it is tagged with: only the caller's.
                        if (!command.tenant().equals(tenant)) {
                            throw new IllegalArgumentException("tenant " + command.tenant().value()
                                    + " is not the tenant the command is sent for (" + tenant.value() + ")");
                        }
                        return criteria(tenant);
                    })
                    .evolving(MetricSettings.DEFAULTS, MetricSettings::evolve, MetricSettings::version)
                    .decide(MetricSettings::decide)
                    .recordedAt(DefinitionChosen::occurredAt)
                    .build();

    /** The criteria that select a tenant's settings facts. */
    static EventCriteria criteria(TenantId tenant) {
        return EventCriteria.havingTags(Tag.of(SETTINGS, tenant.value()), Tag.of(CommandMetadata.TENANT, tenant.value()));
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public EventTypes<DefinitionChosen> events() {
        return EVENTS;
    }

    @Override
    public List<CommandModule> commands() {
        return List.of(new CommandModule("metric-settings", EVENTS.commands(), MODEL));
    }

    @Override
    public void wire(SliceWiring wiring) {
        wiring.provide(Metrics.class, () -> new MetricsService(wiring.require(IncidentMetrics.class),
                wiring.require(io.firedrill.application.port.out.DrillRunFigures.class),
                wiring.require(ResponseTargets.class), wiring.require(RecurrenceWindow.class), wiring));
        // Each incident event is folded into the incident's measured row, idempotent by log position.
        wiring.processor(Processor.readModel(PROJECTION, () -> {
            IncidentMetrics metrics = wiring.require(IncidentMetrics.class);
            return new ProjectedRows<>(IncidentSlice.EVENTS, wiring, IncidentEvent::incidentId, (tenant, event, position) ->
                    metrics.apply(tenant, event.incidentId(), position, state -> MeasuredIncident.evolve(state, event)))
                    .component();
        }, () -> wiring.require(IncidentMetrics.class).clear(),
                () -> new RowProjection<>(IncidentSlice.EVENTS, wiring, event -> event.incidentId().value(), MeasuredIncident.EMPTY, MeasuredIncident::evolve,
                        () -> wiring.require(IncidentMetrics.class))));
    }
}

package io.firedrill.application.drill;

import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.drill.DrillPlanCommands;
import io.firedrill.application.port.in.drill.DrillPlanNotFound;
import io.firedrill.application.port.in.drill.DrillPlanQueries;
import io.firedrill.application.port.in.drill.DrillRunCommands;
import io.firedrill.application.port.in.drill.DrillScheduling;
import io.firedrill.application.port.out.CronSchedules;
import io.firedrill.application.port.out.DrillPlanViews;
import io.firedrill.application.slice.EventTypes;
import io.firedrill.application.slice.Processor;
import io.firedrill.application.slice.ProjectedRows;
import io.firedrill.application.slice.RowProjection;
import io.firedrill.application.slice.Slice;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.application.slice.SourcedModel;
import io.firedrill.domain.drill.DrillPlan;
import io.firedrill.domain.drill.DrillPlanCommand;
import io.firedrill.domain.drill.DrillPlanCommand.CreateDrillPlan;
import io.firedrill.domain.drill.DrillEvent;
import io.firedrill.domain.drill.DrillPlanDecider;
import io.firedrill.domain.drill.DrillPlanEvent;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanCreated;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanPaused;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanResumed;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanRevised;
import io.firedrill.domain.drill.DrillPlanEvent.DrillRunSkipped;
import io.firedrill.domain.drill.DrillPlanId;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.Tag;

/**
 * The drill slice: stored names ({@code drill.DrillPlanCreated}, version 1), tags (the plan and the tenant), the
 * plan's decider, its use cases and the drill plan list projection.
 */
public final class DrillSlice implements Slice {

    /** The drill plan list projection's processor. */
    public static final String PLAN_LIST_PROCESSOR = "drill-plan-list";

    /** The tag key of the drill plan id. */
    public static final String DRILL_PLAN_ID = "drillPlanId";

    /** What the drill slice stores. */
    public static final EventTypes<DrillPlanEvent> EVENTS = EventTypes.of("drill", DrillPlanEvent.class)
            .event("drill.DrillPlanCreated", 1, DrillPlanCreated.class)
            .event("drill.DrillPlanRevised", 1, DrillPlanRevised.class)
            .event("drill.DrillPlanPaused", 1, DrillPlanPaused.class)
            .event("drill.DrillPlanResumed", 1, DrillPlanResumed.class)
            .event("drill.DrillRunSkipped", 1, DrillRunSkipped.class)
            .commands(DrillPlanCommand.class)
            .subjectTags(DRILL_PLAN_ID, DrillPlanEvent::drillPlanId)
            .valueType(DrillPlanId.class, DrillPlanId::parse)
            .build();

    /** A plan's subject: its own events and the start and end of its runs (which carry the plan's tag too). */
    static final SourcedModel<DrillPlanCommand, DrillEvent, DrillPlan> MODEL =
            SourcedModel.<DrillPlanCommand, DrillEvent, DrillPlan>builder("drill plan", EVENTS)
                    .criteria((tenant, command) -> criteria(tenant, command.drillPlanId()))
                    .evolving(DrillPlan.EMPTY, DrillPlanDecider::evolve, DrillPlan::version)
                    .createdBy(command -> command instanceof CreateDrillPlan, DrillPlan::created,
                            command -> new DrillPlanNotFound(command.drillPlanId()))
                    .decide(DrillPlanDecider::decide)
                    .recordedAt(DrillEvent::occurredAt)
                    .build();

    /** The criteria that select one drill plan's events within one tenant. */
    public static EventCriteria criteria(TenantId tenant, DrillPlanId id) {
        return EventCriteria.havingTags(Tag.of(DRILL_PLAN_ID, id.toString()), Tag.of(CommandMetadata.TENANT, tenant.value()));
    }

    @Override
    public String name() {
        return "drill";
    }

    @Override
    public EventTypes<DrillPlanEvent> events() {
        return EVENTS;
    }

    @Override
    public List<CommandModule> commands() {
        return List.of(new CommandModule("drill-plan-commands", EVENTS.commands(), MODEL));
    }

    @Override
    public void wire(SliceWiring wiring) {
        wiring.provide(DrillPlanQueries.class, () -> new DrillPlanQueryService(wiring, wiring.subjects(MODEL),
                wiring.require(DrillPlanViews.class)));
        wiring.provide(DrillPlanCommands.class, () -> new DrillPlanCommandService(wiring.commandGateway(),
                wiring.require(CronSchedules.class), wiring.require(DrillSettings.class), wiring.clock()));
        wiring.provide(DrillScheduling.class, () -> new DrillScheduler(wiring.require(DrillPlanViews.class),
                wiring.require(CronSchedules.class), wiring.port(DrillPlanCommands.class), wiring.port(DrillRunCommands.class),
                wiring.clock(), wiring.require(DrillSettings.class).inFlight()));
        wiring.processor(Processor.readModel(PLAN_LIST_PROCESSOR, () -> {
            DrillPlanViews views = wiring.require(DrillPlanViews.class);
            return new ProjectedRows<>(EVENTS, wiring, DrillPlanEvent::drillPlanId, (tenant, event, position) ->
                    views.apply(tenant, event.drillPlanId(), position, state -> DrillPlanDecider.evolve(state, event)))
                    .component();
        }, () -> wiring.require(DrillPlanViews.class).clear(),
                () -> new RowProjection<>(EVENTS, wiring, event -> event.drillPlanId().value(), DrillPlan.EMPTY,
                        DrillPlanDecider::evolve, () -> wiring.require(DrillPlanViews.class))));
    }
}

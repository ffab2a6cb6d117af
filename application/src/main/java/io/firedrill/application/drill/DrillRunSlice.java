package io.firedrill.application.drill;

import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.actionitem.ActionItemCommands;
import io.firedrill.application.port.in.drill.DrillRunAutomation;
import io.firedrill.application.port.in.drill.DrillRunCommands;
import io.firedrill.application.port.in.drill.DrillRunNotFound;
import io.firedrill.application.port.in.drill.DrillRunQueries;
import io.firedrill.application.port.in.incident.IncidentCommands;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.out.DrillProbes;
import io.firedrill.application.port.out.DrillRunNumbers;
import io.firedrill.application.port.out.DrillRunViews;
import io.firedrill.application.slice.EventTypes;
import io.firedrill.application.slice.Processor;
import io.firedrill.application.slice.ProjectedRows;
import io.firedrill.application.slice.RowProjection;
import io.firedrill.application.slice.Slice;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.application.slice.SourcedModel;
import io.firedrill.domain.drill.DrillRun;
import io.firedrill.domain.drill.DrillRunCommand;
import io.firedrill.domain.drill.DrillRunDecider;
import io.firedrill.domain.drill.DrillRunEvent;
import io.firedrill.domain.drill.DrillRunEvent.DrillCheckpointMarked;
import io.firedrill.domain.drill.DrillRunEvent.DrillIncidentLinked;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunEnded;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunReviewed;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunScored;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunStarted;
import io.firedrill.domain.drill.DrillRunEvent.DrillStepFailed;
import io.firedrill.domain.drill.DrillRunEvent.DrillStepPassed;
import io.firedrill.domain.drill.DrillRunEvent.DrillStepStarted;
import io.firedrill.domain.drill.DrillRunId;
import io.firedrill.domain.drill.DrillRunNumber;
import io.firedrill.domain.shared.TenantId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.Tag;

/**
 * The drill run slice: stored names ({@code drillrun.DrillRunStarted}, version 1), tags (the run and the tenant; the
 * start and the end of a run carry its plan's tag too, so that the plan knows which run is active), the run's decider,
 * its use cases, the runner and the drill run list projection. Runs are started by their plan
 * ({@code StartDrillRun}, decided on the plan's events: one run at a time, once per scheduled instant).
 */
public final class DrillRunSlice implements Slice {

    /** The drill run list projection's processor. */
    public static final String RUN_LIST_PROCESSOR = "drill-run-list";

    /** The tag key of the drill run id. */
    public static final String DRILL_RUN_ID = "drillRunId";

    /** What the drill run slice stores. */
    public static final EventTypes<DrillRunEvent> EVENTS = EventTypes.of("drillrun", DrillRunEvent.class)
            .event("drillrun.DrillRunStarted", 1, DrillRunStarted.class)
            .event("drillrun.DrillStepStarted", 1, DrillStepStarted.class)
            .event("drillrun.DrillStepPassed", 1, DrillStepPassed.class)
            .event("drillrun.DrillStepFailed", 1, DrillStepFailed.class)
            .event("drillrun.DrillCheckpointMarked", 1, DrillCheckpointMarked.class)
            .event("drillrun.DrillIncidentLinked", 1, DrillIncidentLinked.class)
            .event("drillrun.DrillRunScored", 1, DrillRunScored.class)
            .event("drillrun.DrillRunEnded", 1, DrillRunEnded.class)
            .event("drillrun.DrillRunReviewed", 1, DrillRunReviewed.class)
            .event("drillrun.DrillRunReviewReminded", 1, DrillRunEvent.DrillRunReviewReminded.class)
            .commands(DrillRunCommand.class)
            .tags((event, metadata) -> {
                String tenant = metadata.get(CommandMetadata.TENANT);
                if (tenant == null) {
                    throw new IllegalStateException("event of drill run " + event.drillRunId() + " has no tenant in its metadata");
                }
                Set<Tag> tags = new HashSet<>(List.of(Tag.of(DRILL_RUN_ID, event.drillRunId().toString()),
                        Tag.of(CommandMetadata.TENANT, tenant)));
                switch (event) {
                    case DrillRunStarted started -> tags.add(Tag.of(DrillSlice.DRILL_PLAN_ID, started.drillPlanId().toString()));
                    case DrillRunEnded ended -> tags.add(Tag.of(DrillSlice.DRILL_PLAN_ID, ended.drillPlanId().toString()));
                    default -> {
                    }
                }
                return Set.copyOf(tags);
            })
            .valueType(DrillRunId.class, DrillRunId::parse)
            .valueType(DrillRunNumber.class, DrillRunNumber::new)
            .build();

    static final SourcedModel<DrillRunCommand, DrillRunEvent, DrillRun> MODEL =
            SourcedModel.<DrillRunCommand, DrillRunEvent, DrillRun>builder("drill run", EVENTS)
                    .criteria((tenant, command) -> criteria(tenant, command.drillRunId()))
                    .evolving(DrillRun.EMPTY, DrillRunDecider::evolve, DrillRun::version)
                    .createdBy(command -> false, DrillRun::started, command -> new DrillRunNotFound(command.drillRunId()))
                    .decide(DrillRunDecider::decide)
                    .recordedAt(DrillRunEvent::occurredAt)
                    .build();

    /** The criteria that select one drill run's events within one tenant. */
    public static EventCriteria criteria(TenantId tenant, DrillRunId id) {
        return EventCriteria.havingTags(Tag.of(DRILL_RUN_ID, id.toString()), Tag.of(CommandMetadata.TENANT, tenant.value()));
    }

    @Override
    public String name() {
        return "drillrun";
    }

    @Override
    public EventTypes<DrillRunEvent> events() {
        return EVENTS;
    }

    @Override
    public List<CommandModule> commands() {
        return List.of(new CommandModule("drill-run-commands", EVENTS.commands(), MODEL));
    }

    @Override
    public void wire(SliceWiring wiring) {
        wiring.provide(DrillRunQueries.class, () -> new DrillRunQueryService(wiring, wiring.subjects(MODEL),
                wiring.require(DrillRunViews.class)));
        wiring.provide(DrillRunCommands.class, () -> new DrillRunCommandService(wiring.commandGateway(),
                wiring.require(DrillRunNumbers.class), wiring.clock(), wiring.port(DrillRunQueries.class),
                wiring.port(IncidentQueries.class), wiring.port(ActionItemCommands.class),
                wiring.require(DrillSettings.class).inFlight()));
        wiring.provide(DrillRunAutomation.class, () -> new DrillRunner(wiring.require(DrillRunViews.class),
                wiring.port(DrillRunQueries.class), wiring.port(DrillRunCommands.class), wiring.port(IncidentCommands.class),
                wiring.port(IncidentQueries.class), wiring.require(DrillProbes.class), wiring.require(DrillSettings.class),
                wiring.clock()));
        wiring.provide(io.firedrill.application.port.in.drill.DrillReviewReminders.class, () -> new DrillReviewReminderService(
                wiring.require(DrillRunViews.class), wiring.port(DrillRunCommands.class), wiring.clock(),
                wiring.require(DrillSettings.class).reviewReminderAfter()));
        wiring.processor(Processor.readModel(RUN_LIST_PROCESSOR, () -> {
            DrillRunViews views = wiring.require(DrillRunViews.class);
            return new ProjectedRows<>(EVENTS, wiring, DrillRunEvent::drillRunId, (tenant, event, position) ->
                    views.apply(tenant, event.drillRunId(), position, state -> DrillRunDecider.evolve(state, event)))
                    .component();
        }, () -> wiring.require(DrillRunViews.class).clear(),
                () -> new RowProjection<>(EVENTS, wiring, event -> event.drillRunId().value(), DrillRun.EMPTY,
                        DrillRunDecider::evolve, () -> wiring.require(DrillRunViews.class))));
    }
}

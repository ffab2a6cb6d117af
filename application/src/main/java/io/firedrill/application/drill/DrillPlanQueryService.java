package io.firedrill.application.drill;

import io.firedrill.application.port.in.drill.DrillPlanNotFound;
import io.firedrill.application.port.in.drill.DrillPlanQueries;
import io.firedrill.application.port.out.DrillPlanViews;
import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.application.slice.StoredEvents;
import io.firedrill.application.slice.SubjectLog;
import io.firedrill.application.slice.SubjectReader;
import io.firedrill.domain.drill.DrillEvent;
import java.util.List;
import org.axonframework.conversion.Converter;
import io.firedrill.domain.drill.DrillPlan;
import io.firedrill.domain.drill.DrillPlanId;
import io.firedrill.domain.shared.TenantId;
import java.util.concurrent.CompletableFuture;

/** Reads drill plans: one plan through the commands' state cache (always current), the list from the read model. */
final class DrillPlanQueryService implements DrillPlanQueries {

    private final SubjectReader<DrillPlan> plans;
    private final DrillPlanViews views;
    private final SubjectLog log;
    private final StoredEvents storedEvents;
    private final Converter converter;

    DrillPlanQueryService(SliceWiring wiring, SubjectReader<DrillPlan> plans, DrillPlanViews views) {
        this.plans = plans;
        this.views = views;
        this.log = new SubjectLog(wiring.eventStore(), wiring.unitsOfWork());
        this.storedEvents = wiring.storedEvents();
        this.converter = wiring.converter();
    }

    @Override
    public CompletableFuture<List<Recorded>> history(TenantId tenant, DrillPlanId id) {
        return log.read(DrillSlice.criteria(tenant, id)).thenApply(messages -> {
            if (messages.isEmpty()) {
                throw new DrillPlanNotFound(id);
            }
            return messages.stream().map(message -> new Recorded(message.identifier(),
                    storedEvents.storedTypeOf(message.type()).orElseThrow().name(),
                    (DrillEvent) storedEvents.read(message, converter).orElseThrow(() -> new IllegalStateException(
                            "unexpected event type " + message.type() + " in the log of drill plan " + id)),
                    message.metadata().get(CommandMetadata.SOURCE))).toList();
        });
    }

    @Override
    public CompletableFuture<DrillPlan> plan(TenantId tenant, DrillPlanId id) {
        return plans.current(DrillSlice.criteria(tenant, id)).thenApply(plan -> {
            if (!plan.created()) {
                throw new DrillPlanNotFound(id);
            }
            return plan;
        });
    }

    @Override
    public CompletableFuture<Page> list(Query query) {
        return views.list(query);
    }
}

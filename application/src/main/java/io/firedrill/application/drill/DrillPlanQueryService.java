package io.firedrill.application.drill;

import io.firedrill.application.port.in.drill.DrillPlanNotFound;
import io.firedrill.application.port.in.drill.DrillPlanQueries;
import io.firedrill.application.port.out.DrillPlanViews;
import io.firedrill.application.slice.SubjectReader;
import io.firedrill.domain.drill.DrillPlan;
import io.firedrill.domain.drill.DrillPlanId;
import io.firedrill.domain.shared.TenantId;
import java.util.concurrent.CompletableFuture;

/** Reads drill plans: one plan through the commands' state cache (always current), the list from the read model. */
final class DrillPlanQueryService implements DrillPlanQueries {

    private final SubjectReader<DrillPlan> plans;
    private final DrillPlanViews views;

    DrillPlanQueryService(SubjectReader<DrillPlan> plans, DrillPlanViews views) {
        this.plans = plans;
        this.views = views;
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

package io.firedrill.application.port.in.drill;

import io.firedrill.domain.drill.DrillPlan;
import io.firedrill.domain.drill.DrillPlanId;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * What can be read about drill plans: one plan from its log (always current) and the list from the drill plan read
 * model (updated within moments). Scoped to the tenant: another tenant's plan is {@link DrillPlanNotFound}.
 */
public interface DrillPlanQueries {

    /** The plan as it stands now, with every version it had. */
    CompletableFuture<DrillPlan> plan(TenantId tenant, DrillPlanId id);

    /**
     * The plan's facts in log order: its own (created, revised, paused, resumed, a scheduled instant skipped) and the
     * start and end of its runs.
     */
    CompletableFuture<List<Recorded>> history(TenantId tenant, DrillPlanId id);

    /** One fact of a plan as stored ({@code drill.DrillPlanRevised}, {@code drillrun.DrillRunStarted}) and its channel. */
    record Recorded(String eventId, String type, io.firedrill.domain.drill.DrillEvent event, String source) {
        public Recorded {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(event, "event");
        }
    }

    /** One page of the tenant's plans, by name. */
    CompletableFuture<Page> list(Query query);

    /**
     * A list query; {@code null} filters do not filter.
     *
     * @param enabled only plans whose schedule runs ({@code true}) or only paused ones ({@code false})
     * @param limit 1-500
     * @param cursor the {@link Page#nextCursor()} of the previous page, or {@code null} for the first
     */
    record Query(TenantId tenant, String service, Boolean enabled, String owner, int limit, Cursor cursor) {

        public Query {
            Objects.requireNonNull(tenant, "tenant");
            if (limit < 1 || limit > 500) {
                throw new IllegalArgumentException("limit must be between 1 and 500");
            }
        }
    }

    /** Where a page ends: the sort key of its last row. */
    record Cursor(String name, DrillPlanId id) {

        public Cursor {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(id, "id");
        }
    }

    /** A page of plans and the cursor of the next page, {@code null} on the last page. */
    record Page(List<DrillPlan> plans, Cursor nextCursor) {

        public Page {
            plans = List.copyOf(plans);
        }
    }
}

package io.firedrill.application.port.in.drill;

import io.firedrill.domain.drill.DrillPlanId;
import io.firedrill.domain.drill.DrillRun;
import io.firedrill.domain.drill.DrillRunEvent;
import io.firedrill.domain.drill.DrillRunEvent.Outcome;
import io.firedrill.domain.drill.DrillRunId;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * What can be read about drill runs: one run (from its log, always current) and its timeline, and the list from the
 * drill run read model. Scoped to the tenant: another tenant's run is {@link DrillRunNotFound}.
 */
public interface DrillRunQueries {

    /** The run as it stands now. */
    CompletableFuture<DrillRun> run(TenantId tenant, DrillRunId id);

    /** The run's facts in log order, each with its stored type and who recorded it. */
    CompletableFuture<List<Recorded>> timeline(TenantId tenant, DrillRunId id);

    /**
     * The run as it stood at {@code at}: its facts that happened at or before that instant, folded. Fails with an
     * {@link IllegalArgumentException} about {@code at} when the run had not started then.
     */
    CompletableFuture<DrillRun> replay(TenantId tenant, DrillRunId id, Instant at);

    /** One page of the tenant's runs, newest first. */
    CompletableFuture<Page> list(Query query);

    /** One fact of a run as stored ({@code drillrun.DrillStepPassed}) and the channel it came through. */
    record Recorded(String eventId, String type, DrillRunEvent event, String source) {
        public Recorded {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * A list query; {@code null} filters do not filter.
     *
     * @param running only running runs ({@code true}) or only ended ones ({@code false})
     * @param outcome only runs that ended so
     * @param startedFrom started at or after; {@code startedBefore} strictly before
     * @param limit 1-500
     */
    record Query(TenantId tenant, DrillPlanId plan, String service, Boolean running, Outcome outcome,
                 Instant startedFrom, Instant startedBefore, int limit, Cursor cursor) {
        public Query {
            Objects.requireNonNull(tenant, "tenant");
            if (limit < 1 || limit > 500) {
                throw new IllegalArgumentException("limit must be between 1 and 500");
            }
        }
    }

    /** Where a page ends: the sort key of its last row. */
    record Cursor(Instant startedAt, DrillRunId id) {
        public Cursor {
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(id, "id");
        }
    }

    /** A page of runs and the cursor of the next page, {@code null} on the last page. */
    record Page(List<DrillRun> runs, Cursor nextCursor) {
        public Page {
            runs = List.copyOf(runs);
        }
    }
}

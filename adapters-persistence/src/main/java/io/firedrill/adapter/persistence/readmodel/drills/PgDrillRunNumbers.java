package io.firedrill.adapter.persistence.readmodel.drills;

import io.firedrill.application.port.out.DrillRunNumbers;
import io.firedrill.domain.drill.DrillRunNumber;
import io.firedrill.domain.shared.TenantId;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Drill run numbers from a counter row per tenant and year, moved on by as many as are drawn in one statement. */
@ApplicationScoped
public class PgDrillRunNumbers implements DrillRunNumbers {

    private static final String NEXT = "INSERT INTO drill_run_number_sequence (tenant_id, year, last_value) VALUES ($1, $2, $3)"
            + " ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = drill_run_number_sequence.last_value + $3"
            + " RETURNING last_value";

    private final Pool pool;

    @Inject
    public PgDrillRunNumbers(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletableFuture<List<DrillRunNumber>> next(TenantId tenant, int year, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, not " + count);
        }
        return pool.preparedQuery(NEXT).execute(Tuple.of(tenant.value(), year, (long) count))
                .map(rows -> {
                    long last = rows.iterator().next().getLong("last_value");
                    List<DrillRunNumber> numbers = new ArrayList<>(count);
                    for (long n = last - count + 1; n <= last; n++) {
                        numbers.add(DrillRunNumber.of(year, n));
                    }
                    return numbers;
                })
                .toCompletionStage().toCompletableFuture();
    }
}

package io.firedrill.adapter.persistence.readmodel.drills;

import io.firedrill.application.port.out.DrillRunNumbers;
import io.firedrill.domain.drill.DrillRunNumber;
import io.firedrill.domain.shared.TenantId;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;

/** Drill run numbers from a counter row per tenant and year, incremented in one statement. */
@ApplicationScoped
public class PgDrillRunNumbers implements DrillRunNumbers {

    private static final String NEXT = "INSERT INTO drill_run_number_sequence (tenant_id, year, last_value) VALUES ($1, $2, 1)"
            + " ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = drill_run_number_sequence.last_value + 1"
            + " RETURNING last_value";

    private final Pool pool;

    @Inject
    public PgDrillRunNumbers(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletableFuture<DrillRunNumber> next(TenantId tenant, int year) {
        return pool.preparedQuery(NEXT).execute(Tuple.of(tenant.value(), year))
                .map(rows -> DrillRunNumber.of(year, rows.iterator().next().getLong("last_value")))
                .toCompletionStage().toCompletableFuture();
    }
}

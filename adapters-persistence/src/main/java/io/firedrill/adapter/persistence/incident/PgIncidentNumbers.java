package io.firedrill.adapter.persistence.incident;

import io.firedrill.application.port.out.IncidentNumbers;
import io.firedrill.domain.incident.IncidentNumber;
import io.firedrill.domain.shared.TenantId;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;

/**
 * Incident numbers from a counter row per tenant and year, incremented in one statement.
 *
 * <p>The statement commits without waiting for PostgreSQL to flush the write-ahead log ({@code synchronous_commit =
 * off} for its transaction only): the counter row is locked until its transaction commits, so waiting for the flush
 * there made concurrent declarations queue behind each other's flushes. A stored incident's number is still always
 * durable: the declaration that uses it is appended afterwards and waits for its own flush, and the log is flushed in
 * order. What changes: a database crash can lose the last fraction of a second of counter updates, and the numbers
 * they handed out, which no stored incident holds, may then be handed out again.
 */
@ApplicationScoped
public class PgIncidentNumbers implements IncidentNumbers {

    /** The statement (public for the test that checks what it leaves on its connection). */
    public static final String NEXT = "WITH relaxed AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))"
            + " INSERT INTO incident_number_sequence (tenant_id, year, last_value) SELECT $1, $2, 1 FROM relaxed"
            + " ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = incident_number_sequence.last_value + 1"
            + " RETURNING last_value";

    private final Pool pool;

    @Inject
    public PgIncidentNumbers(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletableFuture<IncidentNumber> next(TenantId tenant, int year) {
        return pool.preparedQuery(NEXT).execute(Tuple.of(tenant.value(), year))
                .map(rows -> IncidentNumber.of(year, rows.iterator().next().getLong("last_value")))
                .toCompletionStage().toCompletableFuture();
    }
}

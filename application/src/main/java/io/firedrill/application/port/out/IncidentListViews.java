package io.firedrill.application.port.out;

import io.firedrill.application.port.in.incident.IncidentListQuery;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.TenantId;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The incident list read model: one row per incident holding its folded state, fed by the incident list
 * projection and queried by the list endpoint. Rows can be dropped and rebuilt from the event log.
 */
public interface IncidentListViews extends RowBatches<Incident> {

    /**
     * Applies the event at {@code position} to the incident's row: {@code change} gets the stored state
     * ({@link Incident#EMPTY} for a new incident) and returns the next one. Idempotent by position: an event
     * at or below the row's last applied position changes nothing, so a redelivered event is harmless.
     */
    CompletableFuture<Void> apply(TenantId tenant, IncidentId id, long position, UnaryOperator<Incident> change);

    /** One page of the tenant's incidents, newest detection first. */
    CompletableFuture<IncidentListQuery.Page> list(IncidentListQuery query);

    /** Removes every row, before a rebuild from the log. */
    CompletableFuture<Void> clear();
}

package io.firedrill.application.port.in.security;

import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The audit log: every command, every administrative change and every refusal, chained by hash per tenant.
 * {@link #record} only queues (a request never waits for it); {@link #flush} writes what is queued, a batch per
 * chain, and runs every second and when an instance stops: a crash loses at most the last second's entries.
 */
public interface AuditLog {

    /** Queues an entry; {@code false} when the queue is full and the entry was dropped (counted and logged). */
    boolean record(AuditEntry entry);

    /** Writes the queued entries; how many. */
    CompletableFuture<Integer> flush();

    /** Entries of a chain ({@code null}: the platform's) after {@code afterSeq}, oldest first, filtered. */
    CompletableFuture<List<AuditRecord>> list(TenantId tenant, Query query);

    /** Walks a chain ({@code null}: the platform's) from its first record and reports the first break. */
    CompletableFuture<Verification> verify(TenantId tenant);

    /**
     * Filters of a listing.
     *
     * @param actor only this actor's entries, or {@code null}
     * @param endpointPrefix only endpoints starting so ({@code POST /api/v1/tokens}), or {@code null}
     * @param status only this status, or {@code null}
     * @param from only at or after, or {@code null}
     * @param to only before, or {@code null}
     */
    record Query(long afterSeq, int limit, String actor, String endpointPrefix, Integer status, Instant from, Instant to) {
    }

    /**
     * What a walk found.
     *
     * @param intact whether every record matched its hash, followed its predecessor and the chain reached its head
     * @param checked how many records were checked
     * @param brokenAt the first record that breaks the chain ({@code null} when intact)
     * @param problem what is wrong there, for a human
     */
    record Verification(boolean intact, long checked, Long brokenAt, String problem) {
    }
}

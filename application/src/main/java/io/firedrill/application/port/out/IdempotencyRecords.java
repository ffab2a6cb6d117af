package io.firedrill.application.port.out;

import io.firedrill.application.port.in.IdempotentRequests.Claim;
import io.firedrill.application.port.in.IdempotentRequests.StoredResponse;
import io.firedrill.domain.shared.TenantId;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Remembers the response to each request sent with an {@code Idempotency-Key}, so that a repeat returns
 * the first response and changes nothing. Keys are per tenant and kept for a retention period.
 */
public interface IdempotencyRecords {

    /**
     * Claims {@code key} for a request whose fingerprint is {@code requestHash}; an acquired claim carries a new
     * claim id. A claim that was never completed (its holder crashed) can be taken over by the same request once
     * it was neither made nor renewed for {@code lease}.
     */
    CompletableFuture<Claim> claim(TenantId tenant, String key, String requestHash, Duration lease);

    /** Renews claim {@code claimId} (its lease starts again); {@code false} if it is no longer held (taken over or gone). */
    CompletableFuture<Boolean> renew(TenantId tenant, String key, String claimId);

    /**
     * Records the response of the request that holds claim {@code claimId}; {@code false} (and nothing recorded) if
     * the claim is no longer held (taken over or gone).
     */
    CompletableFuture<Boolean> complete(TenantId tenant, String key, String claimId, StoredResponse response);

    /** Gives claim {@code claimId} up, so a repeat runs again; nothing if it is no longer held or was completed. */
    CompletableFuture<Void> release(TenantId tenant, String key, String claimId);
}

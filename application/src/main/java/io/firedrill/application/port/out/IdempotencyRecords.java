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
     * Claims {@code key} for a request whose fingerprint is {@code requestHash}. A claim that was never
     * completed (its holder crashed) can be taken over once it is older than {@code lease}.
     */
    CompletableFuture<Claim> claim(TenantId tenant, String key, String requestHash, Duration lease);

    /** Records the response of the request that holds the claim. */
    CompletableFuture<Void> complete(TenantId tenant, String key, StoredResponse response);

    /** Gives the claim up (the request failed in a way a retry may fix), so a repeat runs again. */
    CompletableFuture<Void> release(TenantId tenant, String key);
}

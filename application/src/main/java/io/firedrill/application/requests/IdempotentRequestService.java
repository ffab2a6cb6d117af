package io.firedrill.application.requests;

import io.firedrill.application.port.in.IdempotentRequests;
import io.firedrill.application.port.out.IdempotencyRecords;
import io.firedrill.domain.shared.TenantId;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Idempotent requests over the stored records, with the lease after which an abandoned claim may be taken over. */
public final class IdempotentRequestService implements IdempotentRequests {

    private final IdempotencyRecords records;
    private final Duration lease;

    public IdempotentRequestService(IdempotencyRecords records, Duration lease) {
        this.records = Objects.requireNonNull(records, "records");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    @Override
    public CompletableFuture<Claim> claim(TenantId tenant, String key, String requestHash) {
        return records.claim(tenant, key, requestHash, lease);
    }

    @Override
    public CompletableFuture<Void> complete(TenantId tenant, String key, StoredResponse response) {
        return records.complete(tenant, key, response);
    }

    @Override
    public CompletableFuture<Void> release(TenantId tenant, String key) {
        return records.release(tenant, key);
    }
}

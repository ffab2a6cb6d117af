package io.firedrill.application.port.out;

import io.firedrill.application.port.in.alert.Integration;
import io.firedrill.domain.alert.IntegrationId;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where integrations are kept. Deleted integrations are not found. */
public interface Integrations {

    CompletableFuture<Void> create(Integration integration);

    /** The integration, whatever its tenant: receivers learn the tenant from it. */
    CompletableFuture<Optional<Integration>> find(IntegrationId id);

    /** The tenant's integrations, oldest first. */
    CompletableFuture<List<Integration>> list(TenantId tenant);

    /**
     * Replaces an integration (settings and credential) if it is still at {@code expectedVersion}.
     *
     * @return whether it was replaced (false: it changed meanwhile or is gone)
     */
    CompletableFuture<Boolean> replace(Integration integration, long expectedVersion);

    /** @return whether there was such an integration to delete */
    CompletableFuture<Boolean> delete(TenantId tenant, IntegrationId id);
}

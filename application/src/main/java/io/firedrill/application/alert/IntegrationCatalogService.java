package io.firedrill.application.alert;

import io.firedrill.application.port.in.alert.AlertTrack;
import io.firedrill.application.port.in.alert.Integration;
import io.firedrill.application.port.in.alert.IntegrationCatalog;
import io.firedrill.application.port.in.alert.IntegrationNotFound;
import io.firedrill.application.port.in.alert.IntegrationVersionMismatch;
import io.firedrill.application.port.out.AlertGroups;
import io.firedrill.application.port.out.CredentialVault;
import io.firedrill.application.port.out.Integrations;
import io.firedrill.domain.alert.IntegrationId;
import io.firedrill.domain.alert.IntegrationSettings;
import io.firedrill.domain.shared.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** The integration use cases over the integrations' store and the credential vault. */
public final class IntegrationCatalogService implements IntegrationCatalog {

    private final Integrations integrations;
    private final CredentialVault vault;
    private final AlertGroups groups;
    private final Clock clock;

    public IntegrationCatalogService(Integrations integrations, CredentialVault vault, AlertGroups groups, Clock clock) {
        this.integrations = integrations;
        this.vault = vault;
        this.groups = groups;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<List<AlertTrack>> alerts(TenantId tenant, IntegrationId id, int limit) {
        return get(tenant, id).thenCompose(integration -> groups.alerts(id, limit));
    }

    @Override
    public CompletableFuture<Created> create(TenantId tenant, IntegrationSettings settings) {
        Instant now = clock.instant();
        CredentialVault.Issued issued = vault.issue(settings.kind());
        Integration integration = new Integration(new IntegrationId(UUID.randomUUID()), tenant, settings,
                issued.stored(), now, now, 1);
        return integrations.create(integration).thenApply(ignored -> new Created(integration, issued.secret()));
    }

    @Override
    public CompletableFuture<Integration> get(TenantId tenant, IntegrationId id) {
        return integrations.find(id).thenApply(found -> found.filter(i -> i.tenant().equals(tenant))
                .orElseThrow(() -> new IntegrationNotFound(id)));
    }

    @Override
    public CompletableFuture<Integration> forReceiver(IntegrationId id) {
        return integrations.find(id).thenApply(found -> found.orElseThrow(() -> new IntegrationNotFound(id)));
    }

    @Override
    public CompletableFuture<List<Integration>> list(TenantId tenant) {
        return integrations.list(tenant);
    }

    @Override
    public CompletableFuture<Integration> change(TenantId tenant, IntegrationId id, UnaryOperator<IntegrationSettings> change,
                                                 Long expectedVersion) {
        return get(tenant, id).thenCompose(current -> {
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw new IntegrationVersionMismatch(expectedVersion, current.version());
            }
            Integration changed = new Integration(id, tenant, change.apply(current.settings()), current.credential(),
                    current.createdAt(), clock.instant(), current.version() + 1);
            return integrations.replace(changed, current.version()).thenApply(replaced -> {
                if (!replaced) {
                    throw new IntegrationVersionMismatch(current.version(), current.version() + 1);
                }
                return changed;
            });
        });
    }

    @Override
    public CompletableFuture<Created> rotateSecret(TenantId tenant, IntegrationId id, Long expectedVersion) {
        return get(tenant, id).thenCompose(current -> {
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw new IntegrationVersionMismatch(expectedVersion, current.version());
            }
            CredentialVault.Issued issued = vault.issue(current.settings().kind());
            Integration rotated = new Integration(id, tenant, current.settings(), issued.stored(), current.createdAt(),
                    clock.instant(), current.version() + 1);
            return integrations.replace(rotated, current.version()).thenApply(replaced -> {
                if (!replaced) {
                    throw new IntegrationVersionMismatch(current.version(), current.version() + 1);
                }
                return new Created(rotated, issued.secret());
            });
        });
    }

    @Override
    public CompletableFuture<Void> delete(TenantId tenant, IntegrationId id) {
        return integrations.delete(tenant, id).thenAccept(deleted -> {
            if (!deleted) {
                throw new IntegrationNotFound(id);
            }
        });
    }

    @Override
    public boolean tokenMatches(Integration integration, String presented) {
        return vault.matches(integration.credential(), presented);
    }

    @Override
    public boolean signatureMatches(Integration integration, String timestamp, byte[] body, String signature) {
        return vault.signed(integration.credential(), timestamp, body, signature);
    }
}

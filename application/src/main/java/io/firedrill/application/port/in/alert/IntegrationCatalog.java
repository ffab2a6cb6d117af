package io.firedrill.application.port.in.alert;

import io.firedrill.domain.alert.IntegrationId;
import io.firedrill.domain.alert.IntegrationSettings;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** The integration use cases: create, read, change and delete a tenant's alert integrations, and check a receiver's credentials. */
public interface IntegrationCatalog {

    /** What is known of the integration's alerts, most recently changed first. */
    CompletableFuture<List<AlertTrack>> alerts(TenantId tenant, IntegrationId id, int limit);

    /** Creates an integration with a new secret, which only the result carries. */
    CompletableFuture<Created> create(TenantId tenant, IntegrationSettings settings);

    /** The tenant's integration; {@link IntegrationNotFound} for another tenant's or a deleted one. */
    CompletableFuture<Integration> get(TenantId tenant, IntegrationId id);

    /** The integration a receiver was called for, whatever its tenant. */
    CompletableFuture<Integration> forReceiver(IntegrationId id);

    CompletableFuture<List<Integration>> list(TenantId tenant);

    /**
     * Changes the settings.
     *
     * @param expectedVersion the version the caller saw, or {@code null} to change whatever the version is
     * The future fails with {@link IntegrationVersionMismatch} when it changed meanwhile.
     */
    CompletableFuture<Integration> change(TenantId tenant, IntegrationId id, UnaryOperator<IntegrationSettings> change,
                                                 Long expectedVersion);

    /**
     * Replaces the integration's secret with a new one, which only the result carries; the old secret stops
     * working at once. The future fails with {@link IntegrationVersionMismatch} when it changed meanwhile.
     */
    CompletableFuture<Created> rotateSecret(TenantId tenant, IntegrationId id, Long expectedVersion);

    CompletableFuture<Void> delete(TenantId tenant, IntegrationId id);

    /** Whether {@code presented} is the integration's bearer token; in constant time. */
    boolean tokenMatches(Integration integration, String presented);

    /**
     * Whether {@code signature} is the HMAC-SHA256 of {@code timestamp + "." + body} under the integration's
     * signing key; in constant time.
     */
    boolean signatureMatches(Integration integration, String timestamp, byte[] body, String signature);

    /** A new integration and its secret, to be shown once. */
    record Created(Integration integration, String secret) {

        @Override
        public String toString() {
            return "Created[" + integration.id() + ", secret redacted]";
        }
    }
}

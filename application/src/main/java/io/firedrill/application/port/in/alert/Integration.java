package io.firedrill.application.port.in.alert;

import io.firedrill.domain.alert.IntegrationId;
import io.firedrill.domain.alert.IntegrationSettings;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * An alert integration: a source of alerts with its settings and credential, owned by one tenant.
 *
 * @param version increases with every change; {@code If-Match} compares against it
 */
public record Integration(
        IntegrationId id,
        TenantId tenant,
        IntegrationSettings settings,
        StoredCredential credential,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Integration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The actor of the facts this integration causes. */
    public Actor actor() {
        return Actor.integration(settings.name());
    }
}

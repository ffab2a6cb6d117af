package io.firedrill.application.port.out;

import io.firedrill.application.port.in.notification.TemplateCatalog.Key;
import io.firedrill.application.port.in.notification.TemplateCatalog.Template;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where tenants' template overrides are kept. */
public interface TemplateStore {

    CompletableFuture<List<Template>> list(TenantId tenant);

    CompletableFuture<Optional<Template>> find(TenantId tenant, Key key);

    /**
     * Writes the override when the stored one is at {@code expectedVersion} (0: none stored), or whatever it is when
     * {@code expectedVersion} is null; the stored version after the write, or empty when the version did not match.
     */
    CompletableFuture<Optional<Long>> put(TenantId tenant, Template template, Long expectedVersion);

    /** Deletes the override; whether there was one. */
    CompletableFuture<Boolean> delete(TenantId tenant, Key key);
}

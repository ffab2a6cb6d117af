package io.firedrill.adapter.persistence.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.adapter.persistence.eventstore.StoredPayloadMapper;
import io.firedrill.adapter.persistence.PanacheWork;
import io.firedrill.application.port.in.alert.Integration;
import io.firedrill.application.port.in.alert.StoredCredential;
import io.firedrill.application.port.out.Integrations;
import io.firedrill.domain.alert.IntegrationId;
import io.firedrill.domain.alert.IntegrationSettings;
import io.firedrill.domain.shared.TenantId;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Integrations in the {@code integration} table, through Hibernate Reactive with Panache. A replacement locks the row
 * and compares its version, so that two changes of one integration take turns and the later one sees the first.
 */
@ApplicationScoped
public class PanacheIntegrations implements Integrations {

    private static final int LIST_LIMIT = 1000;

    private final PanacheWork work;
    private final ObjectMapper mapper = StoredPayloadMapper.create();

    @Inject
    public PanacheIntegrations(PanacheWork work) {
        this.work = work;
    }

    @Override
    public CompletableFuture<Void> create(Integration integration) {
        IntegrationEntity entity = new IntegrationEntity();
        entity.integrationId = integration.id().value();
        entity.tenantId = integration.tenant().value();
        write(entity, integration);
        entity.createdAt = integration.createdAt();
        return work.transaction(() -> entity.persist().replaceWithVoid());
    }

    @Override
    public CompletableFuture<Optional<Integration>> find(IntegrationId id) {
        return work.transaction(() -> IntegrationEntity.<IntegrationEntity>find(
                        "integrationId = ?1 and deletedAt is null", id.value()).firstResult()
                .map(entity -> Optional.ofNullable(entity).map(this::read)));
    }

    @Override
    public CompletableFuture<List<Integration>> list(TenantId tenant) {
        return work.transaction(() -> IntegrationEntity.<IntegrationEntity>find("tenantId = ?1 and deletedAt is null",
                        Sort.by("createdAt").and("integrationId"), tenant.value())
                .page(Page.ofSize(LIST_LIMIT)).list()
                .map(entities -> entities.stream().map(this::read).toList()));
    }

    @Override
    public CompletableFuture<Boolean> replace(Integration integration, long expectedVersion) {
        return work.transaction(() -> IntegrationEntity.<IntegrationEntity>findById(integration.id().value(),
                        LockModeType.PESSIMISTIC_WRITE)
                .map(entity -> {
                    if (entity == null || entity.deletedAt != null || entity.version != expectedVersion) {
                        return false;
                    }
                    write(entity, integration);
                    return true;
                }));
    }

    @Override
    public CompletableFuture<Boolean> delete(TenantId tenant, IntegrationId id) {
        return work.transaction(() -> IntegrationEntity.update("deletedAt = ?1, secretSealed = null"
                        + " where integrationId = ?2 and tenantId = ?3 and deletedAt is null", Instant.now(), id.value(),
                tenant.value()).map(updated -> updated == 1));
    }

    private void write(IntegrationEntity entity, Integration integration) {
        entity.settings = json(integration.settings());
        entity.secretHash = integration.credential().hash();
        entity.secretSealed = integration.credential().sealed();
        entity.updatedAt = integration.updatedAt();
        entity.version = integration.version();
    }

    private Integration read(IntegrationEntity entity) {
        try {
            return new Integration(new IntegrationId(entity.integrationId), new TenantId(entity.tenantId),
                    mapper.readValue(entity.settings, IntegrationSettings.class),
                    new StoredCredential(entity.secretHash, entity.secretSealed), entity.createdAt, entity.updatedAt,
                    entity.version);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("integration " + entity.integrationId + " has unreadable settings", e);
        }
    }

    private String json(IntegrationSettings settings) {
        try {
            return mapper.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

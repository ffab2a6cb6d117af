package io.firedrill.adapter.persistence.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.adapter.persistence.eventstore.StoredPayloadMapper;
import io.firedrill.application.port.in.alert.Integration;
import io.firedrill.application.port.in.alert.StoredCredential;
import io.firedrill.application.port.out.Integrations;
import io.firedrill.domain.alert.IntegrationId;
import io.firedrill.domain.alert.IntegrationSettings;
import io.firedrill.domain.shared.TenantId;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Integrations in the {@code integration} table; the settings as JSON written by the stored-payload mapper. */
@ApplicationScoped
public class PgIntegrations implements Integrations {

    private static final String COLUMNS = "integration_id, tenant_id, settings::text AS settings, secret_hash,"
            + " secret_sealed, created_at, updated_at, version";

    private final Pool pool;
    private final ObjectMapper mapper = StoredPayloadMapper.create();

    @Inject
    public PgIntegrations(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletableFuture<Void> create(Integration integration) {
        return pool.preparedQuery("INSERT INTO integration (integration_id, tenant_id, settings, secret_hash,"
                        + " secret_sealed, created_at, updated_at, version) VALUES ($1, $2, $3::text::json, $4, $5, $6, $7, $8)")
                .execute(Tuple.tuple()
                        .addValue(integration.id().value())
                        .addValue(integration.tenant().value())
                        .addValue(json(integration.settings()))
                        .addValue(integration.credential().hash())
                        .addValue(integration.credential().sealed())
                        .addValue(integration.createdAt().atOffset(ZoneOffset.UTC))
                        .addValue(integration.updatedAt().atOffset(ZoneOffset.UTC))
                        .addValue(integration.version()))
                .<Void>mapEmpty()
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Optional<Integration>> find(IntegrationId id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM integration WHERE integration_id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(id.value()))
                .map(rows -> rows.size() == 0 ? Optional.<Integration>empty() : Optional.of(read(rows.iterator().next())))
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<List<Integration>> list(TenantId tenant) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM integration WHERE tenant_id = $1 AND deleted_at IS NULL"
                        + " ORDER BY created_at, integration_id LIMIT 1000")
                .execute(Tuple.of(tenant.value()))
                .map(rows -> {
                    List<Integration> list = new ArrayList<>();
                    rows.forEach(row -> list.add(read(row)));
                    return list;
                })
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Boolean> replace(Integration integration, long expectedVersion) {
        return pool.preparedQuery("UPDATE integration SET settings = $2::text::json, updated_at = $3, version = $4,"
                        + " secret_hash = $6, secret_sealed = $7"
                        + " WHERE integration_id = $1 AND version = $5 AND deleted_at IS NULL")
                .execute(Tuple.tuple()
                        .addValue(integration.id().value())
                        .addValue(json(integration.settings()))
                        .addValue(integration.updatedAt().atOffset(ZoneOffset.UTC))
                        .addValue(integration.version())
                        .addValue(expectedVersion)
                        .addValue(integration.credential().hash())
                        .addValue(integration.credential().sealed()))
                .map(rows -> rows.rowCount() == 1)
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Boolean> delete(TenantId tenant, IntegrationId id) {
        return pool.preparedQuery("UPDATE integration SET deleted_at = now(), secret_sealed = NULL"
                        + " WHERE integration_id = $1 AND tenant_id = $2 AND deleted_at IS NULL")
                .execute(Tuple.of(id.value(), tenant.value()))
                .map(rows -> rows.rowCount() == 1)
                .toCompletionStage().toCompletableFuture();
    }

    private Integration read(Row row) {
        try {
            return new Integration(new IntegrationId(row.getUUID("integration_id")),
                    new TenantId(row.getString("tenant_id")),
                    mapper.readValue(row.getString("settings"), IntegrationSettings.class),
                    new StoredCredential(row.getString("secret_hash"), row.getString("secret_sealed")),
                    row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant(),
                    row.getLong("version"));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("integration " + row.getUUID("integration_id") + " has unreadable settings", e);
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

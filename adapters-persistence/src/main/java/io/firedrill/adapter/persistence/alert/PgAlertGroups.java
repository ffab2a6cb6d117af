package io.firedrill.adapter.persistence.alert;

import io.firedrill.application.port.in.alert.AlertTrack;
import io.firedrill.application.port.out.AlertGroups;
import io.firedrill.domain.alert.AlertStatus;
import io.firedrill.domain.alert.IntegrationId;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.TrackedAlert;
import io.firedrill.domain.shared.TenantId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** The alert grouping processor's memory in {@code alert_group} and {@code alert_state}. */
@ApplicationScoped
public class PgAlertGroups implements AlertGroups {

    private static final String UPSERT_GROUP = "INSERT INTO alert_group (integration_id, key_digest, grouping_key,"
            + " tenant_id, incident_id, updated_at) VALUES ($1, $2, $3, $4, $5, now())"
            + " ON CONFLICT (integration_id, key_digest) DO UPDATE SET incident_id = EXCLUDED.incident_id,"
            + " updated_at = now()";
    private static final String UPSERT_ALERT = "INSERT INTO alert_state (integration_id, fingerprint, tenant_id,"
            + " grouping_key, starts_at, status, incident_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())"
            + " ON CONFLICT (integration_id, fingerprint) DO UPDATE SET grouping_key = EXCLUDED.grouping_key,"
            + " starts_at = EXCLUDED.starts_at, status = EXCLUDED.status, incident_id = EXCLUDED.incident_id,"
            + " updated_at = now()";

    private final Pool pool;

    @Inject
    public PgAlertGroups(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletableFuture<GroupState> load(IntegrationId integration, String groupingKey, Collection<String> fingerprints) {
        Future<Optional<IncidentId>> group = pool
                .preparedQuery("SELECT incident_id FROM alert_group WHERE integration_id = $1 AND key_digest = $2")
                .execute(Tuple.of(integration.value(), digest(groupingKey)))
                .map(rows -> rows.size() == 0 ? Optional.<IncidentId>empty()
                        : Optional.ofNullable(rows.iterator().next().getUUID("incident_id")).map(IncidentId::new));
        Future<Map<String, AlertTrack>> alerts = pool
                .preparedQuery("SELECT fingerprint, grouping_key, starts_at, status, incident_id FROM alert_state"
                        + " WHERE integration_id = $1 AND fingerprint = ANY($2)")
                .execute(Tuple.of(integration.value()).addArrayOfString(fingerprints.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, AlertTrack> known = new LinkedHashMap<>();
                    rows.forEach(row -> known.put(row.getString("fingerprint"), track(row)));
                    return known;
                });
        return Future.all(group, alerts)
                .map(ignored -> new GroupState(group.result(), alerts.result()))
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Void> save(TenantId tenant, IntegrationId integration, String groupingKey, IncidentId incident,
                                        List<AlertTrack> alerts) {
        List<Tuple> rows = new ArrayList<>();
        for (AlertTrack alert : alerts) {
            rows.add(Tuple.tuple()
                    .addValue(integration.value())
                    .addValue(alert.fingerprint())
                    .addValue(tenant.value())
                    .addValue(alert.groupingKey())
                    .addValue(alert.known().startsAt().atOffset(ZoneOffset.UTC))
                    .addValue(alert.known().status().name())
                    .addValue(alert.incident() == null ? null : alert.incident().value()));
        }
        return pool.withTransaction(connection -> connection.preparedQuery(UPSERT_GROUP)
                        .execute(Tuple.of(integration.value(), digest(groupingKey), groupingKey, tenant.value(),
                                incident == null ? null : incident.value()))
                        .compose(ignored -> rows.isEmpty()
                                ? Future.succeededFuture()
                                : connection.preparedQuery(UPSERT_ALERT).executeBatch(rows).mapEmpty()))
                .<Void>mapEmpty()
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<List<AlertTrack>> alerts(IntegrationId integration, int limit) {
        return pool.preparedQuery("SELECT fingerprint, grouping_key, starts_at, status, incident_id FROM alert_state"
                        + " WHERE integration_id = $1 ORDER BY updated_at DESC, fingerprint LIMIT $2")
                .execute(Tuple.of(integration.value(), limit))
                .map(rows -> {
                    List<AlertTrack> list = new ArrayList<>();
                    rows.forEach(row -> list.add(track(row)));
                    return list;
                })
                .toCompletionStage().toCompletableFuture();
    }

    private static AlertTrack track(Row row) {
        UUID incident = row.getUUID("incident_id");
        return new AlertTrack(row.getString("fingerprint"), row.getString("grouping_key"),
                new TrackedAlert(row.getOffsetDateTime("starts_at").toInstant(), AlertStatus.valueOf(row.getString("status"))),
                incident == null ? null : new IncidentId(incident));
    }

    static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

package io.firedrill.adapter.persistence.notification;

import io.firedrill.application.port.out.UpdateCadence;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.Severity;
import io.firedrill.domain.shared.TenantId;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The status update cadence in {@code notification_update_cadence}: one row per incident the notification feed has
 * seen, written as its facts are handled (a fact handled again changes nothing), read by the reminders.
 */
@ApplicationScoped
public class PgUpdateCadence implements UpdateCadence {

    private static final String TRACK = """
            INSERT INTO notification_update_cadence AS c (incident_id, tenant_id, severity, active, clock_from,
                                                          reminded_at, facts)
            VALUES ($1, $2, $3, $4, $5, NULL, $6)
            ON CONFLICT (incident_id) DO UPDATE SET severity = EXCLUDED.severity, active = EXCLUDED.active,
                clock_from = EXCLUDED.clock_from,
                reminded_at = CASE WHEN c.clock_from = EXCLUDED.clock_from THEN c.reminded_at END,
                facts = EXCLUDED.facts
            WHERE c.facts <= EXCLUDED.facts
            """;
    /* the end of the latest interval since the clock started, counted in milliseconds; only one not reminded yet */
    private static final String DUE = """
            SELECT c.incident_id, c.tenant_id, c.severity, c.clock_from, d.due_at
            FROM notification_update_cadence c
            JOIN unnest($2::text[], $3::bigint[]) AS s(severity, millis) ON s.severity = c.severity
            CROSS JOIN LATERAL (SELECT c.clock_from + floor(extract(epoch FROM ($1::timestamptz - c.clock_from)) * 1000
                                    / s.millis) * s.millis * INTERVAL '1 millisecond' AS due_at) d
            WHERE c.active AND d.due_at > c.clock_from AND (c.reminded_at IS NULL OR d.due_at > c.reminded_at)
            ORDER BY c.clock_from
            LIMIT $4
            """;
    private static final String REMINDED = "UPDATE notification_update_cadence SET reminded_at ="
            + " GREATEST(reminded_at, $3) WHERE incident_id = $1 AND clock_from = $2";

    private final Pool pool;

    @Inject
    public PgUpdateCadence(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletableFuture<Void> track(Tracked tracked) {
        Tuple row = Tuple.tuple().addUUID(tracked.incident().value()).addString(tracked.tenant().value())
                .addString(tracked.severity().name()).addBoolean(tracked.active())
                .addOffsetDateTime(utc(tracked.clockFrom())).addLong(tracked.facts());
        return pool.preparedQuery(TRACK).execute(row).<Void>mapEmpty().toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<List<Due>> due(Instant now, Map<Severity, Duration> cadence, int limit) {
        String[] severities = new String[cadence.size()];
        Long[] millis = new Long[cadence.size()];
        int i = 0;
        for (Map.Entry<Severity, Duration> entry : cadence.entrySet()) {
            severities[i] = entry.getKey().name();
            millis[i++] = entry.getValue().toMillis();
        }
        return pool.preparedQuery(DUE).execute(Tuple.of(utc(now), severities, millis, limit)).map(rows -> {
            List<Due> due = new ArrayList<>();
            for (Row row : rows) {
                due.add(new Due(new TenantId(row.getString("tenant_id")), new IncidentId(row.getUUID("incident_id")),
                        Severity.valueOf(row.getString("severity")), row.getOffsetDateTime("clock_from").toInstant(),
                        row.getOffsetDateTime("due_at").toInstant()));
            }
            return due;
        }).toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Void> reminded(IncidentId incident, Instant clockFrom, Instant dueAt) {
        return pool.preparedQuery(REMINDED).execute(Tuple.of(incident.value(), utc(clockFrom), utc(dueAt)))
                .<Void>mapEmpty().toCompletionStage().toCompletableFuture();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

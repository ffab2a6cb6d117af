package io.firedrill.adapter.persistence.notification;

import io.firedrill.application.port.out.AlertWindows;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.TenantId;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The windows of joined alerts in {@code notification_alert_window}: one row per incident and window. */
@ApplicationScoped
public class PgAlertWindows implements AlertWindows {

    private static final String JOINED = "INSERT INTO notification_alert_window (incident_id, window_start, tenant_id)"
            + " VALUES ($1, $2, $3) ON CONFLICT (incident_id, window_start) DO NOTHING";
    private static final String ENDED = "SELECT incident_id, window_start, tenant_id FROM notification_alert_window"
            + " WHERE NOT announced AND window_start <= $1 ORDER BY window_start LIMIT $2";
    private static final String ANNOUNCED = "UPDATE notification_alert_window SET announced = TRUE"
            + " WHERE incident_id = $1 AND window_start = $2";

    private final Pool pool;

    @Inject
    public PgAlertWindows(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletableFuture<Void> joined(Window window) {
        return pool.preparedQuery(JOINED).execute(Tuple.of(window.incident().value(), utc(window.start()),
                window.tenant().value())).<Void>mapEmpty().toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<List<Window>> ended(Instant startedBy, int limit) {
        return pool.preparedQuery(ENDED).execute(Tuple.of(utc(startedBy), limit)).map(rows -> {
            List<Window> ended = new ArrayList<>();
            for (Row row : rows) {
                ended.add(new Window(new TenantId(row.getString("tenant_id")), new IncidentId(row.getUUID("incident_id")),
                        row.getOffsetDateTime("window_start").toInstant()));
            }
            return ended;
        }).toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Void> announced(Window window) {
        return pool.preparedQuery(ANNOUNCED).execute(Tuple.of(window.incident().value(), utc(window.start())))
                .<Void>mapEmpty().toCompletionStage().toCompletableFuture();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

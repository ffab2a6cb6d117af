package io.firedrill.adapter.persistence.readmodel.incidentlist;

import io.firedrill.adapter.persistence.readmodel.BatchUpsert;
import io.firedrill.adapter.persistence.readmodel.BatchUpsert.Column;
import io.firedrill.adapter.persistence.readmodel.RebuildTables;
import io.firedrill.adapter.persistence.readmodel.StateRows;
import io.firedrill.application.port.in.incident.IncidentListQuery.Cursor;
import io.firedrill.application.port.in.incident.IncidentListQuery.Page;
import io.firedrill.application.port.in.incident.IncidentListQuery;
import io.firedrill.application.port.out.IncidentListViews;
import io.firedrill.application.port.out.RowBatches;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.TenantId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The incident list read model in {@code incident_list_view}: the folded state as JSON (written by the
 * stored-payload mapper, without the alert memory: the list shows no alerts) plus the columns the list
 * filters and sorts on.
 */
@ApplicationScoped
public class PgIncidentListViews implements IncidentListViews, RebuildTables {

    private static final String UPSERT = "INSERT INTO incident_list_view (incident_id, tenant_id, number, title, summary,"
            + " severity, status, services, drill, detected_at, state, last_position)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::json, $12)"
            + " ON CONFLICT (incident_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, number = EXCLUDED.number,"
            + " title = EXCLUDED.title, summary = EXCLUDED.summary, severity = EXCLUDED.severity,"
            + " status = EXCLUDED.status, services = EXCLUDED.services, drill = EXCLUDED.drill,"
            + " detected_at = EXCLUDED.detected_at, state = EXCLUDED.state, last_position = EXCLUDED.last_position"
            + " WHERE incident_list_view.last_position < EXCLUDED.last_position";

    private final Pool pool;
    private final StateRows<Incident> states;
    private final BatchUpsert<RowBatches.Change<Incident>> batch;

    @Inject
    public PgIncidentListViews(Pool pool) {
        this.pool = pool;
        this.states = new StateRows<>(pool, "incident_list_view", "incident_id", Incident.class, Incident.EMPTY);
        this.batch = batch(states);
    }

    private static BatchUpsert<RowBatches.Change<Incident>> batch(StateRows<Incident> states) {
        return new BatchUpsert<>("incident_list_view", "incident_id", List.of(
                Column.of("incident_id", "uuid", UUID.class, row -> row.id()),
                Column.of("tenant_id", "text", String.class, row -> row.tenant().value()),
                Column.of("number", "text", String.class, row -> row.after().number().value()),
                Column.of("title", "text", String.class, row -> row.after().title()),
                Column.of("summary", "text", String.class, row -> row.after().summary()),
                Column.of("severity", "text", String.class, row -> row.after().severity().name()),
                Column.of("status", "text", String.class, row -> row.after().status().name()),
                Column.strings("services", row -> row.after().services()),
                Column.of("drill", "boolean", Boolean.class, row -> row.after().drill()),
                Column.of("detected_at", "timestamptz", OffsetDateTime.class, row -> row.after().detectedAt().atOffset(ZoneOffset.UTC)),
                Column.of("state", "json", String.class, row -> states.json(row.after().withoutAlerts())),
                Column.of("last_position", "bigint", Long.class, row -> row.position())));
    }

    @Override
    public CompletableFuture<Void> apply(TenantId tenant, IncidentId id, long position, UnaryOperator<Incident> change) {
        return states.apply(id.value(), position, change, (connection, incident, at) -> write(connection, tenant, incident,
                at));
    }

    @Override
    public List<Table> tables() {
        return List.of(new Table("incident_list_view", true));
    }

    @Override
    public CompletableFuture<Void> advance(RowBatches.Checkpoint checkpoint, Set<UUID> subjects,
                                           Function<Map<UUID, RowBatches.Stored<Incident>>, List<RowBatches.Change<Incident>>> fold) {
        return states.advance(checkpoint, subjects, fold, batch::write);
    }

    private Future<Void> write(SqlConnection connection, TenantId tenant, Incident incident, long position) {
        Tuple values = Tuple.tuple()
                .addValue(incident.id().value())
                .addValue(tenant.value())
                .addValue(incident.number().value())
                .addValue(incident.title())
                .addValue(incident.summary())
                .addValue(incident.severity().name())
                .addValue(incident.status().name())
                .addArrayOfString(incident.services().toArray(String[]::new))
                .addValue(incident.drill())
                .addValue(incident.detectedAt().atOffset(ZoneOffset.UTC))
                .addValue(states.json(incident.withoutAlerts()))
                .addValue(position);
        return connection.preparedQuery(UPSERT).execute(values).mapEmpty();
    }

    @Override
    public CompletableFuture<Page> list(IncidentListQuery query) {
        StringBuilder sql = new StringBuilder("SELECT state::text AS state, detected_at, incident_id FROM incident_list_view"
                + " WHERE tenant_id = $1");
        Tuple values = Tuple.of(query.tenant().value());
        if (!query.statuses().isEmpty()) {
            values.addArrayOfString(query.statuses().stream().map(Enum::name).toArray(String[]::new));
            sql.append(" AND status = ANY($").append(values.size()).append(')');
        }
        if (!query.severities().isEmpty()) {
            values.addArrayOfString(query.severities().stream().map(Enum::name).toArray(String[]::new));
            sql.append(" AND severity = ANY($").append(values.size()).append(')');
        }
        if (query.service() != null) {
            values.addArrayOfString(new String[] {query.service()});
            sql.append(" AND services @> $").append(values.size());
        }
        if (query.drill() != null) {
            values.addValue(query.drill());
            sql.append(" AND drill = $").append(values.size());
        }
        if (query.from() != null) {
            values.addValue(query.from().atOffset(ZoneOffset.UTC));
            sql.append(" AND detected_at >= $").append(values.size());
        }
        if (query.to() != null) {
            values.addValue(query.to().atOffset(ZoneOffset.UTC));
            sql.append(" AND detected_at < $").append(values.size());
        }
        if (query.text() != null) {
            values.addValue("%" + query.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            int p = values.size();
            sql.append(" AND (number ILIKE $").append(p).append(" OR title ILIKE $").append(p)
                    .append(" OR summary ILIKE $").append(p).append(')');
        }
        if (query.cursor() != null) {
            values.addValue(query.cursor().detectedAt().atOffset(ZoneOffset.UTC));
            values.addValue(query.cursor().id().value());
            sql.append(" AND (detected_at, incident_id) < ($").append(values.size() - 1)
                    .append(", $").append(values.size()).append(')');
        }
        values.addValue(query.limit() + 1);
        sql.append(" ORDER BY detected_at DESC, incident_id DESC LIMIT $").append(values.size());
        return pool.preparedQuery(sql.toString()).execute(values)
                .map(rows -> page(rows, query.limit()))
                .toCompletionStage().toCompletableFuture();
    }

    private Page page(RowSet<Row> rows, int limit) {
        List<Incident> items = new ArrayList<>();
        Cursor next = null;
        for (Row row : rows) {
            if (items.size() == limit) {
                Incident last = items.getLast();
                next = new Cursor(last.detectedAt(), last.id());
                break;
            }
            items.add(states.read(row.getString("state")));
        }
        return new Page(items, next);
    }

    @Override
    public CompletableFuture<Void> clear() {
        return pool.query("DELETE FROM incident_list_view").execute().<Void>mapEmpty()
                .toCompletionStage().toCompletableFuture();
    }
}

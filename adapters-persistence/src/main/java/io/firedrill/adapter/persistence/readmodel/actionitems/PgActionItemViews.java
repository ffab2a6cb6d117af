package io.firedrill.adapter.persistence.readmodel.actionitems;

import io.firedrill.adapter.persistence.readmodel.BatchUpsert;
import io.firedrill.adapter.persistence.readmodel.BatchUpsert.Column;
import io.firedrill.adapter.persistence.readmodel.RebuildTables;
import io.firedrill.adapter.persistence.readmodel.StateRows;
import io.firedrill.application.port.in.actionitem.ActionItemQueries.Cursor;
import io.firedrill.application.port.in.actionitem.ActionItemQueries.Page;
import io.firedrill.application.port.in.actionitem.ActionItemQueries.Query;
import io.firedrill.application.port.in.actionitem.ActionItemQueries.Report;
import io.firedrill.application.port.in.actionitem.ActionItemQueries.Totals;
import io.firedrill.application.port.out.ActionItemViews;
import io.firedrill.application.port.out.RowBatches;
import io.firedrill.domain.actionitem.ActionItem;
import io.firedrill.domain.actionitem.ActionItemId;
import io.firedrill.domain.actionitem.Priority;
import io.firedrill.domain.shared.TenantId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The action item read model in {@code action_item_view}: the folded state as JSON plus the columns the list
 * filters and sorts on, the report groups by and the reminder job selects with. Overdue is never stored: it is
 * derived from the due date and the day the question is asked.
 */
@ApplicationScoped
public class PgActionItemViews implements ActionItemViews, RebuildTables {

    private static final String OPEN = "status IN ('NOT_STARTED', 'IN_PROGRESS', 'BLOCKED')";
    private static final String UPSERT = "INSERT INTO action_item_view (action_item_id, tenant_id, title, owner, due_date,"
            + " priority, status, incident_id, overdue_recorded, reminded, state, last_position, created_at, completed_at)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::json, $12, $13, $14)"
            + " ON CONFLICT (action_item_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, title = EXCLUDED.title,"
            + " owner = EXCLUDED.owner, due_date = EXCLUDED.due_date, priority = EXCLUDED.priority,"
            + " status = EXCLUDED.status, incident_id = EXCLUDED.incident_id,"
            + " overdue_recorded = EXCLUDED.overdue_recorded, reminded = EXCLUDED.reminded, state = EXCLUDED.state,"
            + " last_position = EXCLUDED.last_position, created_at = EXCLUDED.created_at,"
            + " completed_at = EXCLUDED.completed_at WHERE action_item_view.last_position < EXCLUDED.last_position";
    /** One query for the three groupings: overall (both null), by owner, by priority. */
    private static final String REPORT = "SELECT owner, priority, GROUPING(owner) AS no_owner,"
            + " GROUPING(priority) AS no_priority, count(*) AS total,"
            + " count(*) FILTER (WHERE status = 'NOT_STARTED') AS not_started,"
            + " count(*) FILTER (WHERE status = 'IN_PROGRESS') AS in_progress,"
            + " count(*) FILTER (WHERE status = 'BLOCKED') AS blocked,"
            + " count(*) FILTER (WHERE status = 'COMPLETED') AS completed,"
            + " count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,"
            + " count(*) FILTER (WHERE " + OPEN + " AND due_date < $2) AS overdue"
            + " FROM action_item_view WHERE tenant_id = $1 GROUP BY GROUPING SETS ((), (owner), (priority))";

    private final Pool pool;
    private final StateRows<ActionItem> states;
    private final BatchUpsert<RowBatches.Change<ActionItem>> batch;

    @Inject
    public PgActionItemViews(Pool pool) {
        this.pool = pool;
        this.states = new StateRows<>(pool, "action_item_view", "action_item_id", ActionItem.class, ActionItem.EMPTY);
        this.batch = batch(states);
    }

    private static BatchUpsert<RowBatches.Change<ActionItem>> batch(StateRows<ActionItem> states) {
        return new BatchUpsert<>("action_item_view", "action_item_id", List.of(
                Column.of("action_item_id", "uuid", UUID.class, row -> row.id()),
                Column.of("tenant_id", "text", String.class, row -> row.tenant().value()),
                Column.of("title", "text", String.class, row -> row.after().title()),
                Column.of("owner", "text", String.class, row -> row.after().owner()),
                Column.of("due_date", "date", LocalDate.class, row -> row.after().dueDate()),
                Column.of("priority", "text", String.class, row -> row.after().priority().name()),
                Column.of("status", "text", String.class, row -> row.after().status().name()),
                Column.of("incident_id", "uuid", UUID.class, row -> row.after().incidentId() == null ? null
                        : row.after().incidentId().value()),
                Column.of("overdue_recorded", "boolean", Boolean.class, row -> row.after().overdueRecorded()
                        .contains(row.after().dueDate())),
                Column.of("reminded", "boolean", Boolean.class, row -> row.after().remindedFor().contains(row.after().dueDate())),
                Column.of("state", "json", String.class, row -> states.json(row.after())),
                Column.of("last_position", "bigint", Long.class, row -> row.position()),
                Column.of("created_at", "timestamptz", OffsetDateTime.class, row -> row.after().createdAt().atOffset(ZoneOffset.UTC)),
                Column.of("completed_at", "timestamptz", OffsetDateTime.class, row -> row.after().completedAt() == null ? null
                        : row.after().completedAt().atOffset(ZoneOffset.UTC))));
    }

    @Override
    public CompletableFuture<Void> apply(TenantId tenant, ActionItemId id, long position, UnaryOperator<ActionItem> change) {
        return states.apply(id.value(), position, change, (connection, item, at) -> write(connection, tenant, item, at));
    }

    @Override
    public List<Table> tables() {
        return List.of(new Table("action_item_view", true));
    }

    @Override
    public CompletableFuture<Void> advance(RowBatches.Checkpoint checkpoint, Set<UUID> subjects,
                                           Function<Map<UUID, RowBatches.Stored<ActionItem>>, List<RowBatches.Change<ActionItem>>> fold) {
        return states.advance(checkpoint, subjects, fold, batch::write);
    }

    private Future<Void> write(SqlConnection connection, TenantId tenant, ActionItem item, long position) {
        Tuple values = Tuple.tuple()
                .addValue(item.id().value())
                .addValue(tenant.value())
                .addValue(item.title())
                .addValue(item.owner())
                .addValue(item.dueDate())
                .addValue(item.priority().name())
                .addValue(item.status().name())
                .addValue(item.incidentId() == null ? null : item.incidentId().value())
                .addValue(item.overdueRecorded().contains(item.dueDate()))
                .addValue(item.remindedFor().contains(item.dueDate()))
                .addValue(states.json(item))
                .addValue(position)
                .addValue(item.createdAt().atOffset(ZoneOffset.UTC))
                .addValue(item.completedAt() == null ? null : item.completedAt().atOffset(ZoneOffset.UTC));
        return connection.preparedQuery(UPSERT).execute(values).mapEmpty();
    }

    @Override
    public CompletableFuture<Page> list(Query query) {
        StringBuilder sql = new StringBuilder("SELECT state::text AS state FROM action_item_view WHERE tenant_id = $1");
        Tuple values = Tuple.of(query.tenant().value());
        if (query.owner() != null) {
            values.addValue(query.owner());
            sql.append(" AND owner = $").append(values.size());
        }
        if (!query.statuses().isEmpty()) {
            values.addArrayOfString(query.statuses().stream().map(Enum::name).toArray(String[]::new));
            sql.append(" AND status = ANY($").append(values.size()).append(')');
        }
        if (!query.priorities().isEmpty()) {
            values.addArrayOfString(query.priorities().stream().map(Enum::name).toArray(String[]::new));
            sql.append(" AND priority = ANY($").append(values.size()).append(')');
        }
        if (query.overdue() != null) {
            values.addValue(query.today());
            sql.append(query.overdue() ? " AND " : " AND NOT ").append('(').append(OPEN)
                    .append(" AND due_date < $").append(values.size()).append(')');
        }
        if (query.incidentId() != null) {
            values.addValue(query.incidentId().value());
            sql.append(" AND incident_id = $").append(values.size());
        }
        if (query.dueBefore() != null) {
            values.addValue(query.dueBefore());
            sql.append(" AND due_date < $").append(values.size());
        }
        if (query.cursor() != null) {
            values.addValue(query.cursor().dueDate());
            values.addValue(query.cursor().id().value());
            sql.append(" AND (due_date, action_item_id) > ($").append(values.size() - 1)
                    .append(", $").append(values.size()).append(')');
        }
        values.addValue(query.limit() + 1);
        sql.append(" ORDER BY due_date, action_item_id LIMIT $").append(values.size());
        return pool.preparedQuery(sql.toString()).execute(values)
                .map(rows -> page(rows, query.limit()))
                .toCompletionStage().toCompletableFuture();
    }

    private Page page(RowSet<Row> rows, int limit) {
        List<ActionItem> items = new ArrayList<>();
        Cursor next = null;
        for (Row row : rows) {
            if (items.size() == limit) {
                ActionItem last = items.getLast();
                next = new Cursor(last.dueDate(), last.id());
                break;
            }
            items.add(states.read(row.getString("state")));
        }
        return new Page(items, next);
    }

    @Override
    public CompletableFuture<Report> report(TenantId tenant, LocalDate today) {
        return pool.preparedQuery(REPORT).execute(Tuple.of(tenant.value(), today)).map(rows -> {
            Totals none = Totals.of(0, 0, 0, 0, 0, 0, 0);
            Totals overall = none;
            Map<String, Totals> byOwner = new HashMap<>();
            Map<Priority, Totals> byPriority = new EnumMap<>(Priority.class);
            for (Priority priority : Priority.values()) {
                byPriority.put(priority, none);
            }
            for (Row row : rows) {
                Totals totals = Totals.of(row.getLong("total"), row.getLong("not_started"), row.getLong("in_progress"),
                        row.getLong("blocked"), row.getLong("completed"), row.getLong("cancelled"), row.getLong("overdue"));
                boolean groupedByOwner = row.getInteger("no_owner") == 0;
                boolean groupedByPriority = row.getInteger("no_priority") == 0;
                if (groupedByOwner) {
                    byOwner.put(row.getString("owner"), totals);
                } else if (groupedByPriority) {
                    byPriority.put(Priority.valueOf(row.getString("priority")), totals);
                } else {
                    overall = totals;
                }
            }
            return new Report(today, overall, byOwner, byPriority);
        }).toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<List<Due>> due(LocalDate today, int leadDays, Due after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT tenant_id, action_item_id, due_date FROM action_item_view WHERE ")
                .append(OPEN).append(" AND ((due_date < $1 AND NOT overdue_recorded)")
                .append(" OR (due_date >= $1 AND due_date <= $2 AND NOT reminded))");
        Tuple values = Tuple.of(today, today.plusDays(leadDays));
        if (after != null) {
            values.addValue(after.dueDate()).addValue(after.id().value());
            sql.append(" AND (due_date, action_item_id) > ($3, $4)");
        }
        values.addValue(limit);
        sql.append(" ORDER BY due_date, action_item_id LIMIT $").append(values.size());
        return pool.preparedQuery(sql.toString()).execute(values)
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    for (Row row : rows) {
                        due.add(new Due(new TenantId(row.getString("tenant_id")),
                                new ActionItemId(row.getUUID("action_item_id")), row.getLocalDate("due_date")));
                    }
                    return due;
                })
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Void> clear() {
        return pool.query("DELETE FROM action_item_view").execute().<Void>mapEmpty()
                .toCompletionStage().toCompletableFuture();
    }
}

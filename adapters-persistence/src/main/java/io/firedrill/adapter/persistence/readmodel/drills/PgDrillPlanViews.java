package io.firedrill.adapter.persistence.readmodel.drills;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.adapter.persistence.eventstore.StoredPayloadMapper;
import io.firedrill.adapter.persistence.readmodel.BatchUpsert;
import io.firedrill.adapter.persistence.readmodel.BatchUpsert.Column;
import io.firedrill.adapter.persistence.readmodel.RebuildTables;
import io.firedrill.adapter.persistence.readmodel.StateRows;
import io.firedrill.application.port.in.drill.DrillPlanQueries.Cursor;
import io.firedrill.application.port.in.drill.DrillPlanQueries.Page;
import io.firedrill.application.port.in.drill.DrillPlanQueries.Query;
import io.firedrill.application.port.out.DrillPlanViews;
import io.firedrill.application.port.out.RowBatches;
import io.firedrill.domain.drill.DrillPlan;
import io.firedrill.domain.drill.DrillPlanId;
import io.firedrill.domain.drill.DrillSchedule;
import io.firedrill.domain.shared.TenantId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
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
 * The drill plan read model in {@code drill_plan_view}: the folded state as JSON plus the columns the list filters and
 * sorts on.
 */
@ApplicationScoped
public class PgDrillPlanViews implements DrillPlanViews, RebuildTables {

    private static final String UPSERT = "INSERT INTO drill_plan_view (drill_plan_id, tenant_id, name, service, owner,"
            + " enabled, plan_version, scheduled, state, last_position, schedule, schedule_since)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::json, $10, $11::text::json, $12)"
            + " ON CONFLICT (drill_plan_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, name = EXCLUDED.name,"
            + " service = EXCLUDED.service, owner = EXCLUDED.owner, enabled = EXCLUDED.enabled,"
            + " plan_version = EXCLUDED.plan_version, scheduled = EXCLUDED.scheduled, state = EXCLUDED.state,"
            + " last_position = EXCLUDED.last_position, schedule = EXCLUDED.schedule, schedule_since = EXCLUDED.schedule_since"
            + " WHERE drill_plan_view.last_position < EXCLUDED.last_position";

    private final Pool pool;
    private final StateRows<DrillPlan> states;
    private final BatchUpsert<RowBatches.Change<DrillPlan>> batch;
    private final ObjectMapper mapper = StoredPayloadMapper.create();
    /** Schedules parsed, by their stored text (bounded: cleared when full). */
    private final java.util.Map<String, DrillSchedule> schedules = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_SCHEDULES = 10_000;

    @Inject
    public PgDrillPlanViews(Pool pool) {
        this.pool = pool;
        this.states = new StateRows<>(pool, "drill_plan_view", "drill_plan_id", DrillPlan.class, DrillPlan.EMPTY);
        this.batch = new BatchUpsert<>("drill_plan_view", "drill_plan_id", List.of(
                Column.of("drill_plan_id", "uuid", UUID.class, row -> row.id()),
                Column.of("tenant_id", "text", String.class, row -> row.tenant().value()),
                Column.of("name", "text", String.class, row -> row.after().definition().name()),
                Column.of("service", "text", String.class, row -> row.after().definition().service()),
                Column.of("owner", "text", String.class, row -> row.after().definition().owner()),
                Column.of("enabled", "boolean", Boolean.class, row -> row.after().enabled()),
                Column.of("plan_version", "integer", Integer.class, row -> row.after().planVersion()),
                Column.of("scheduled", "boolean", Boolean.class, row -> row.after().definition().schedule() != null),
                Column.of("state", "json", String.class, row -> states.json(row.after())),
                Column.of("last_position", "bigint", Long.class, row -> row.position()),
                Column.of("schedule", "json", String.class, row -> schedule(row.after())),
                Column.of("schedule_since", "timestamptz", OffsetDateTime.class, row -> since(row.after()))));
    }

    @Override
    public CompletableFuture<Void> apply(TenantId tenant, DrillPlanId id, long position, UnaryOperator<DrillPlan> change) {
        return states.apply(id.value(), position, change, (connection, plan, at) -> write(connection, tenant, plan, at));
    }

    @Override
    public List<Table> tables() {
        return List.of(new Table("drill_plan_view", true));
    }

    @Override
    public CompletableFuture<Void> advance(RowBatches.Checkpoint checkpoint, Set<UUID> subjects,
                                           Function<Map<UUID, RowBatches.Stored<DrillPlan>>, List<RowBatches.Change<DrillPlan>>> fold) {
        return states.advance(checkpoint, subjects, fold, batch::write);
    }

    private Future<Void> write(SqlConnection connection, TenantId tenant, DrillPlan plan, long position) {
        Tuple values = Tuple.tuple()
                .addValue(plan.id().value())
                .addValue(tenant.value())
                .addValue(plan.definition().name())
                .addValue(plan.definition().service())
                .addValue(plan.definition().owner())
                .addValue(plan.enabled())
                .addValue(plan.planVersion())
                .addValue(plan.definition().schedule() != null)
                .addValue(states.json(plan))
                .addValue(position)
                .addValue(schedule(plan))
                .addValue(since(plan));
        return connection.preparedQuery(UPSERT).execute(values).mapEmpty();
    }

    private String schedule(DrillPlan plan) {
        if (plan.definition().schedule() == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(plan.definition().schedule());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a drill schedule cannot be written as JSON", e);
        }
    }

    /**
     * The schedule a row holds. The scheduler reads every enabled plan's schedule every second, on the event loop that
     * answered: each distinct text is parsed once, not once per plan per second.
     */
    private DrillSchedule schedule(String json) {
        DrillSchedule known = schedules.get(json);
        if (known != null) {
            return known;
        }
        DrillSchedule parsed;
        try {
            parsed = mapper.readValue(json, DrillSchedule.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable drill schedule in drill_plan_view", e);
        }
        if (schedules.size() >= MAX_SCHEDULES) {
            schedules.clear();
        }
        schedules.put(json, parsed);
        return parsed;
    }

    private static OffsetDateTime since(DrillPlan plan) {
        Instant since = plan.scheduleSince() != null ? plan.scheduleSince() : plan.createdAt();
        return since == null ? null : since.atOffset(ZoneOffset.UTC);
    }

    @Override
    public CompletableFuture<List<Scheduled>> scheduled() {
        return pool.query("SELECT tenant_id, drill_plan_id, schedule::text AS schedule, schedule_since FROM drill_plan_view"
                        + " WHERE enabled AND scheduled").execute()
                .map(rows -> {
                    List<Scheduled> plans = new ArrayList<>();
                    for (Row row : rows) {
                        plans.add(new Scheduled(new TenantId(row.getString("tenant_id")),
                                new DrillPlanId(row.getUUID("drill_plan_id")), schedule(row.getString("schedule")),
                                row.getOffsetDateTime("schedule_since").toInstant()));
                    }
                    return plans;
                }).toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Page> list(Query query) {
        StringBuilder sql = new StringBuilder("SELECT state::text AS state FROM drill_plan_view WHERE tenant_id = $1");
        Tuple values = Tuple.of(query.tenant().value());
        if (query.service() != null) {
            values.addValue(query.service());
            sql.append(" AND service = $").append(values.size());
        }
        if (query.enabled() != null) {
            values.addValue(query.enabled());
            sql.append(" AND enabled = $").append(values.size());
        }
        if (query.owner() != null) {
            values.addValue(query.owner());
            sql.append(" AND owner = $").append(values.size());
        }
        if (query.cursor() != null) {
            values.addValue(query.cursor().name());
            values.addValue(query.cursor().id().value());
            sql.append(" AND (name, drill_plan_id) > ($").append(values.size() - 1).append(", $").append(values.size()).append(')');
        }
        values.addValue(query.limit() + 1);
        sql.append(" ORDER BY name, drill_plan_id LIMIT $").append(values.size());
        return pool.preparedQuery(sql.toString()).execute(values).map(rows -> {
            List<DrillPlan> plans = new ArrayList<>();
            Cursor next = null;
            for (Row row : rows) {
                if (plans.size() == query.limit()) {
                    DrillPlan last = plans.getLast();
                    next = new Cursor(last.definition().name(), last.id());
                    break;
                }
                plans.add(states.read(row.getString("state")));
            }
            return new Page(plans, next);
        }).toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Void> clear() {
        return pool.query("DELETE FROM drill_plan_view").execute().<Void>mapEmpty().toCompletionStage().toCompletableFuture();
    }
}

package io.firedrill.adapter.persistence.readmodel.drills;

import io.firedrill.adapter.persistence.readmodel.BatchUpsert;
import io.firedrill.adapter.persistence.readmodel.BatchUpsert.Column;
import io.firedrill.adapter.persistence.readmodel.RebuildTables;
import io.firedrill.adapter.persistence.readmodel.StateRows;
import io.firedrill.application.port.in.drill.DrillRunQueries.Cursor;
import io.firedrill.application.port.in.drill.DrillRunQueries.Page;
import io.firedrill.application.port.in.drill.DrillRunQueries.Query;
import io.firedrill.application.port.in.metrics.MetricFigures.DrillRuns;
import io.firedrill.application.port.out.DrillRunFigures;
import io.firedrill.application.port.out.DrillRunViews;
import io.firedrill.application.port.out.RowBatches;
import io.firedrill.domain.drill.DrillRun;
import io.firedrill.domain.drill.DrillRunId;
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

/** The drill run read model in {@code drill_run_view}: the folded state as JSON plus the columns the list and the runner use. */
@ApplicationScoped
public class PgDrillRunViews implements DrillRunViews, DrillRunFigures, RebuildTables {

    private static final String UPSERT = "INSERT INTO drill_run_view (drill_run_id, tenant_id, drill_plan_id, number, service,"
            + " status, started_at, ended_at, state, last_position, scored, score_total, reviewed_at, findings,"
            + " findings_with_items)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::json, $10, $11, $12, $13, $14, $15)"
            + " ON CONFLICT (drill_run_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, drill_plan_id = EXCLUDED.drill_plan_id,"
            + " number = EXCLUDED.number, service = EXCLUDED.service, status = EXCLUDED.status,"
            + " started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at, state = EXCLUDED.state,"
            + " last_position = EXCLUDED.last_position, scored = EXCLUDED.scored, score_total = EXCLUDED.score_total,"
            + " reviewed_at = EXCLUDED.reviewed_at, findings = EXCLUDED.findings,"
            + " findings_with_items = EXCLUDED.findings_with_items"
            + " WHERE drill_run_view.last_position < EXCLUDED.last_position";

    private final Pool pool;
    private final StateRows<DrillRun> states;
    private final BatchUpsert<RowBatches.Change<DrillRun>> batch;

    @Inject
    public PgDrillRunViews(Pool pool) {
        this.pool = pool;
        this.states = new StateRows<>(pool, "drill_run_view", "drill_run_id", DrillRun.class, DrillRun.EMPTY);
        this.batch = new BatchUpsert<>("drill_run_view", "drill_run_id", List.of(
                Column.of("drill_run_id", "uuid", UUID.class, row -> row.id()),
                Column.of("tenant_id", "text", String.class, row -> row.tenant().value()),
                Column.of("drill_plan_id", "uuid", UUID.class, row -> row.after().planId().value()),
                Column.of("number", "text", String.class, row -> row.after().number().value()),
                Column.of("service", "text", String.class, row -> row.after().definition().service()),
                Column.of("status", "text", String.class, row -> status(row.after())),
                Column.of("started_at", "timestamptz", OffsetDateTime.class, row -> utc(row.after().startedAt())),
                Column.of("ended_at", "timestamptz", OffsetDateTime.class, row -> utc(row.after().endedAt())),
                Column.of("state", "json", String.class, row -> states.json(row.after())),
                Column.of("last_position", "bigint", Long.class, row -> row.position()),
                Column.of("scored", "boolean", Boolean.class, row -> !row.after().scores().isEmpty()),
                Column.of("score_total", "float8", Double.class, row -> firstTotal(row.after())),
                Column.of("reviewed_at", "timestamptz", OffsetDateTime.class, row -> row.after().review() == null ? null
                        : utc(row.after().review().reviewedAt())),
                Column.of("findings", "integer", Integer.class, row -> findings(row.after(), false)),
                Column.of("findings_with_items", "integer", Integer.class, row -> findings(row.after(), true))));
    }

    private static String status(DrillRun run) {
        return run.outcome() == null ? "RUNNING" : run.outcome().name();
    }

    /** The total of the run's first score (the one given when it ended, under the definition current then). */
    private static Double firstTotal(DrillRun run) {
        return run.scores().isEmpty() ? null : run.scores().getFirst().total();
    }

    private static int findings(DrillRun run, boolean withItems) {
        return run.review() == null ? 0 : (int) run.review().findings().stream()
                .filter(finding -> !withItems || finding.actionItemId() != null).count();
    }

    @Override
    public CompletableFuture<DrillRuns> figures(TenantId tenant, Instant from, Instant to, String service) {
        String sql = "SELECT count(*) AS runs, count(*) FILTER (WHERE status = 'PASSED') AS passed,"
                + " count(*) FILTER (WHERE status = 'FAILED') AS failed, count(*) FILTER (WHERE status = 'ABORTED') AS aborted,"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY score_total) AS median_score,"
                + " count(*) FILTER (WHERE reviewed_at IS NOT NULL) AS reviewed,"
                + " count(*) FILTER (WHERE reviewed_at <= ended_at + interval '7 days') AS reviewed_within,"
                + " coalesce(sum(findings), 0) AS findings, coalesce(sum(findings_with_items), 0) AS with_items"
                + " FROM drill_run_view WHERE tenant_id = $1 AND ended_at >= $2 AND ended_at < $3"
                + (service == null ? "" : " AND service = $4");
        Tuple values = Tuple.of(tenant.value(), utc(from), utc(to));
        if (service != null) {
            values.addValue(service);
        }
        return pool.preparedQuery(sql).execute(values).map(rows -> {
            Row row = rows.iterator().next();
            return new DrillRuns(row.getLong("runs"), row.getLong("passed"), row.getLong("failed"), row.getLong("aborted"),
                    row.getDouble("median_score"), row.getLong("reviewed"), row.getLong("reviewed_within"),
                    row.getLong("findings"), row.getLong("with_items"));
        }).toCompletionStage().toCompletableFuture();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public CompletableFuture<Void> apply(TenantId tenant, DrillRunId id, long position, UnaryOperator<DrillRun> change) {
        return states.apply(id.value(), position, change, (connection, run, at) -> write(connection, tenant, run, at));
    }

    @Override
    public List<Table> tables() {
        return List.of(new Table("drill_run_view", true));
    }

    @Override
    public CompletableFuture<Void> advance(RowBatches.Checkpoint checkpoint, Set<UUID> subjects,
                                           Function<Map<UUID, RowBatches.Stored<DrillRun>>, List<RowBatches.Change<DrillRun>>> fold) {
        return states.advance(checkpoint, subjects, fold, batch::write);
    }

    private Future<Void> write(SqlConnection connection, TenantId tenant, DrillRun run, long position) {
        Tuple values = Tuple.tuple()
                .addValue(run.id().value())
                .addValue(tenant.value())
                .addValue(run.planId().value())
                .addValue(run.number().value())
                .addValue(run.definition().service())
                .addValue(status(run))
                .addValue(utc(run.startedAt()))
                .addValue(utc(run.endedAt()))
                .addValue(states.json(run))
                .addValue(position)
                .addValue(!run.scores().isEmpty())
                .addValue(firstTotal(run))
                .addValue(run.review() == null ? null : utc(run.review().reviewedAt()))
                .addValue(findings(run, false))
                .addValue(findings(run, true));
        return connection.preparedQuery(UPSERT).execute(values).mapEmpty();
    }

    @Override
    public CompletableFuture<Page> list(Query query) {
        // The cursor is the row's own started_at (microseconds, as stored), not the state's instant (nanoseconds).
        StringBuilder sql = new StringBuilder("SELECT state::text AS state, started_at, drill_run_id FROM drill_run_view"
                + " WHERE tenant_id = $1");
        Tuple values = Tuple.of(query.tenant().value());
        if (query.plan() != null) {
            values.addValue(query.plan().value());
            sql.append(" AND drill_plan_id = $").append(values.size());
        }
        if (query.service() != null) {
            values.addValue(query.service());
            sql.append(" AND service = $").append(values.size());
        }
        if (query.running() != null) {
            sql.append(query.running() ? " AND status = 'RUNNING'" : " AND status <> 'RUNNING'");
        }
        if (query.outcome() != null) {
            values.addValue(query.outcome().name());
            sql.append(" AND status = $").append(values.size());
        }
        if (query.startedFrom() != null) {
            values.addValue(utc(query.startedFrom()));
            sql.append(" AND started_at >= $").append(values.size());
        }
        if (query.startedBefore() != null) {
            values.addValue(utc(query.startedBefore()));
            sql.append(" AND started_at < $").append(values.size());
        }
        if (query.cursor() != null) {
            values.addValue(utc(query.cursor().startedAt()));
            values.addValue(query.cursor().id().value());
            sql.append(" AND (started_at, drill_run_id) < ($").append(values.size() - 1).append(", $").append(values.size()).append(')');
        }
        values.addValue(query.limit() + 1);
        sql.append(" ORDER BY started_at DESC, drill_run_id DESC LIMIT $").append(values.size());
        return pool.preparedQuery(sql.toString()).execute(values).map(rows -> {
            List<DrillRun> runs = new ArrayList<>();
            Cursor next = null;
            Cursor last = null;
            for (Row row : rows) {
                if (runs.size() == query.limit()) {
                    next = last;
                    break;
                }
                runs.add(states.read(row.getString("state")));
                last = new Cursor(row.getOffsetDateTime("started_at").toInstant(), new DrillRunId(row.getUUID("drill_run_id")));
            }
            return new Page(runs, next);
        }).toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<List<Running>> running(int limit) {
        return pool.preparedQuery("SELECT tenant_id, drill_run_id FROM drill_run_view WHERE status = 'RUNNING' OR NOT scored"
                        + " ORDER BY started_at LIMIT $1").execute(Tuple.of(limit))
                .map(rows -> {
                    List<Running> running = new ArrayList<>();
                    for (Row row : rows) {
                        running.add(new Running(new TenantId(row.getString("tenant_id")), new DrillRunId(row.getUUID("drill_run_id"))));
                    }
                    return running;
                }).toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<List<Running>> awaitingReview(Instant endedBefore, java.time.LocalDate notRemindedOn, int limit) {
        return pool.preparedQuery("SELECT tenant_id, drill_run_id FROM drill_run_view WHERE status <> 'RUNNING'"
                        + " AND reviewed_at IS NULL AND ended_at < $1"
                        + " AND (state ->> 'remindedOn' IS NULL OR state ->> 'remindedOn' <> $2) ORDER BY ended_at LIMIT $3")
                .execute(Tuple.of(utc(endedBefore), notRemindedOn.toString(), limit))
                .map(rows -> {
                    List<Running> runs = new ArrayList<>();
                    for (Row row : rows) {
                        runs.add(new Running(new TenantId(row.getString("tenant_id")), new DrillRunId(row.getUUID("drill_run_id"))));
                    }
                    return runs;
                }).toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Void> clear() {
        return pool.query("DELETE FROM drill_run_view").execute().<Void>mapEmpty().toCompletionStage().toCompletableFuture();
    }
}

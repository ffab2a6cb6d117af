package io.firedrill.adapter.persistence.audit;

import io.firedrill.application.port.in.security.AuditEntry;
import io.firedrill.application.port.in.security.AuditLog;
import io.firedrill.application.port.in.security.AuditRecord;
import io.firedrill.application.port.out.AuditTrail;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * Audit chains in PostgreSQL. An append locks the chain's head row for its transaction, so that instances writing
 * the same chain take turns; the records of a batch go in with one statement.
 */
@ApplicationScoped
public class PgAuditTrail implements AuditTrail {

    private static final String COLUMNS = "seq, chain, at, actor, credential, endpoint, path, address, status, version,"
            + " prev_hash, hash";

    private final Pool pool;

    @Inject
    public PgAuditTrail(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletableFuture<Void> append(String chain, List<AuditEntry> entries,
                                          BiFunction<Long, String, List<AuditRecord>> link) {
        if (entries.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return pool.withTransaction(connection -> connection
                        .preparedQuery("INSERT INTO audit_head (chain, seq, hash) VALUES ($1, 0, '') ON CONFLICT DO NOTHING")
                        .execute(Tuple.of(chain))
                        .compose(ignored -> connection.preparedQuery("SELECT seq, hash FROM audit_head WHERE chain = $1 FOR UPDATE")
                                .execute(Tuple.of(chain)))
                        .compose(head -> {
                            Row row = head.iterator().next();
                            List<AuditRecord> records = link.apply(row.getLong("seq"), row.getString("hash"));
                            List<Tuple> batch = new ArrayList<>(records.size());
                            for (AuditRecord record : records) {
                                AuditEntry entry = record.entry();
                                batch.add(Tuple.tuple().addValue(record.seq()).addValue(chain)
                                        .addValue(entry.at().atOffset(ZoneOffset.UTC)).addValue(entry.actor())
                                        .addValue(entry.credential()).addValue(entry.endpoint()).addValue(entry.path())
                                        .addValue(entry.address()).addValue(entry.status()).addValue(entry.version())
                                        .addValue(record.prevHash()).addValue(record.hash()));
                            }
                            AuditRecord last = records.get(records.size() - 1);
                            return connection.preparedQuery("INSERT INTO audit_record (" + COLUMNS + ") VALUES ($1, $2,"
                                            + " $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                                    .executeBatch(batch)
                                    .compose(ignored -> connection.preparedQuery(
                                                    "UPDATE audit_head SET seq = $2, hash = $3 WHERE chain = $1")
                                            .execute(Tuple.of(chain, last.seq(), last.hash())));
                        }))
                .<Void>mapEmpty()
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<List<AuditRecord>> page(String chain, AuditLog.Query query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_record WHERE chain = $1 AND seq > $2");
        Tuple params = Tuple.of(chain, query.afterSeq());
        if (query.actor() != null) {
            params.addValue(query.actor());
            sql.append(" AND actor = $").append(params.size());
        }
        if (query.endpointPrefix() != null) {
            params.addValue(query.endpointPrefix().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            sql.append(" AND endpoint LIKE $").append(params.size());
        }
        if (query.status() != null) {
            params.addValue(query.status());
            sql.append(" AND status = $").append(params.size());
        }
        if (query.from() != null) {
            params.addValue(query.from().atOffset(ZoneOffset.UTC));
            sql.append(" AND at >= $").append(params.size());
        }
        if (query.to() != null) {
            params.addValue(query.to().atOffset(ZoneOffset.UTC));
            sql.append(" AND at < $").append(params.size());
        }
        params.addValue(query.limit());
        sql.append(" ORDER BY seq LIMIT $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(params)
                .map(rows -> {
                    List<AuditRecord> records = new ArrayList<>();
                    rows.forEach(row -> records.add(read(row)));
                    return records;
                })
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Optional<Head>> head(String chain) {
        return pool.preparedQuery("SELECT seq, hash FROM audit_head WHERE chain = $1").execute(Tuple.of(chain))
                .map(rows -> rows.size() == 0 ? Optional.<Head>empty()
                        : Optional.of(new Head(rows.iterator().next().getLong("seq"), rows.iterator().next().getString("hash"))))
                .toCompletionStage().toCompletableFuture();
    }

    private static AuditRecord read(Row row) {
        OffsetDateTime at = row.getOffsetDateTime("at");
        AuditEntry entry = new AuditEntry(row.getString("chain"), at.toInstant(), row.getString("actor"),
                row.getString("credential"), row.getString("endpoint"), row.getString("path"), row.getString("address"),
                row.getInteger("status"), row.getString("version"));
        return new AuditRecord(row.getLong("seq"), entry, row.getString("prev_hash"), row.getString("hash"));
    }
}

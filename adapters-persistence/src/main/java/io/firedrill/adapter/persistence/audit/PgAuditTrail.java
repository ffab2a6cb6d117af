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
                            // one statement for the whole batch: arrays of the columns, unnested into rows
                            int size = records.size();
                            Long[] seqs = new Long[size];
                            OffsetDateTime[] ats = new OffsetDateTime[size];
                            String[] actors = new String[size];
                            String[] credentials = new String[size];
                            String[] endpoints = new String[size];
                            String[] paths = new String[size];
                            String[] addresses = new String[size];
                            Integer[] statuses = new Integer[size];
                            String[] versions = new String[size];
                            String[] prevHashes = new String[size];
                            String[] hashes = new String[size];
                            for (int i = 0; i < size; i++) {
                                AuditRecord record = records.get(i);
                                AuditEntry entry = record.entry();
                                seqs[i] = record.seq();
                                ats[i] = entry.at().atOffset(ZoneOffset.UTC);
                                actors[i] = entry.actor();
                                credentials[i] = entry.credential();
                                endpoints[i] = entry.endpoint();
                                paths[i] = entry.path();
                                addresses[i] = entry.address();
                                statuses[i] = entry.status();
                                versions[i] = entry.version();
                                prevHashes[i] = record.prevHash();
                                hashes[i] = record.hash();
                            }
                            AuditRecord last = records.get(size - 1);
                            return connection.preparedQuery("INSERT INTO audit_record (" + COLUMNS + ") SELECT seq, $2,"
                                            + " at, actor, credential, endpoint, path, address, status, version, prev_hash,"
                                            + " hash FROM unnest($1::bigint[], $3::timestamptz[], $4::text[], $5::text[],"
                                            + " $6::text[], $7::text[], $8::text[], $9::int[], $10::text[], $11::text[],"
                                            + " $12::text[]) AS r (seq, at, actor, credential, endpoint, path, address, status,"
                                            + " version, prev_hash, hash)")
                                    .execute(Tuple.tuple().addArrayOfLong(seqs).addString(chain)
                                            .addArrayOfOffsetDateTime(ats).addArrayOfString(actors)
                                            .addArrayOfString(credentials).addArrayOfString(endpoints)
                                            .addArrayOfString(paths).addArrayOfString(addresses)
                                            .addArrayOfInteger(statuses).addArrayOfString(versions)
                                            .addArrayOfString(prevHashes).addArrayOfString(hashes))
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

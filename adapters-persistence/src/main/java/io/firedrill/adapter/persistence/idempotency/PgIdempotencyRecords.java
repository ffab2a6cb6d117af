package io.firedrill.adapter.persistence.idempotency;

import io.firedrill.application.port.in.IdempotentRequests.Claim;
import io.firedrill.application.port.in.IdempotentRequests.StoredResponse;
import io.firedrill.application.port.out.IdempotencyRecords;
import io.firedrill.domain.shared.TenantId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Idempotency records in {@code idempotency_record}. A claim is one {@code INSERT ... ON CONFLICT}: it
 * succeeds for a new key, for an abandoned claim of the same request not renewed for the lease, and for a
 * record older than the retention (the key may then be used afresh); otherwise the stored record answers.
 * Each claim has an id; renewals, completion and release touch only the row that still holds it.
 *
 * <p>A claim commits without waiting for PostgreSQL to flush the write-ahead log ({@code synchronous_commit = off} for
 * its transaction only); completions and releases wait. A stored answer is therefore durable with its claim (the log
 * is flushed in order), and so is the claim of a command whose facts were appended. A database crash can lose only
 * the last fraction of a second of claims: those of requests the crash made fail, whose retries claim the key afresh.
 * Meanwhile such a claim was visible, so a repeat may have been told 409 (in progress) or 422 (reused) on a claim
 * the crash then erased; both answers were true when given, and the retry runs as it would after a release.
 *
 * <p>A statement that fails because the session was ended by the server or the connection broke (SQLSTATE
 * classes 08 and 57P, a reset socket) fails with {@link IdempotencyRecordsUnavailable}: a fault, answered 503.
 */
@ApplicationScoped
public class PgIdempotencyRecords implements IdempotencyRecords {

    /** The claim's statement (public for the test that checks what it leaves on its connection). */
    public static final String CLAIM = "WITH relaxed AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))"
            + " INSERT INTO idempotency_record (tenant_id, idempotency_key, request_hash, claim_id)"
            + " SELECT $1, $2, $3, $6 FROM relaxed"
            + " ON CONFLICT (tenant_id, idempotency_key) DO UPDATE SET request_hash = EXCLUDED.request_hash,"
            + " claim_id = EXCLUDED.claim_id, claimed_at = clock_timestamp(), completed_at = NULL, status = NULL, content_type = NULL,"
            + " headers = NULL, body = NULL"
            + " WHERE idempotency_record.claimed_at < clock_timestamp() - make_interval(secs => $5)"
            + " OR (idempotency_record.completed_at IS NULL AND idempotency_record.request_hash = EXCLUDED.request_hash"
            + " AND idempotency_record.claimed_at < clock_timestamp() - make_interval(secs => $4))"
            + " RETURNING idempotency_key";

    private final Pool pool;
    private final double retentionSeconds;

    @Inject
    public PgIdempotencyRecords(Pool pool,
                                @ConfigProperty(name = "firedrill.idempotency.retention", defaultValue = "PT24H") Duration retention) {
        this.pool = pool;
        this.retentionSeconds = retention.toMillis() / 1000.0;
    }

    @Override
    public CompletableFuture<Claim> claim(TenantId tenant, String key, String requestHash, Duration lease) {
        UUID claimId = UUID.randomUUID();
        Tuple values = Tuple.of(tenant.value(), key, requestHash, lease.toMillis() / 1000.0, retentionSeconds, claimId);
        return faultsTold(pool.preparedQuery(CLAIM).execute(values)
                .compose(claimed -> claimed.size() > 0
                        ? Future.<Claim>succeededFuture(new Claim.Acquired(claimId.toString()))
                        : existing(tenant, key, requestHash)));
    }

    @Override
    public CompletableFuture<Boolean> renew(TenantId tenant, String key, String claimId) {
        return faultsTold(pool.preparedQuery("UPDATE idempotency_record SET claimed_at = clock_timestamp()"
                        + " WHERE tenant_id = $1 AND idempotency_key = $2 AND claim_id = $3 AND completed_at IS NULL")
                .execute(Tuple.of(tenant.value(), key, UUID.fromString(claimId)))
                .map(renewed -> renewed.rowCount() > 0));
    }

    private Future<Claim> existing(TenantId tenant, String key, String requestHash) {
        return pool.preparedQuery("SELECT request_hash, completed_at IS NOT NULL AS completed, status, content_type,"
                        + " headers::text AS headers, body FROM idempotency_record WHERE tenant_id = $1 AND idempotency_key = $2")
                .execute(Tuple.of(tenant.value(), key))
                .map(rows -> {
                    if (rows.size() == 0) {
                        // released between the claim and this read: the caller may try again
                        return new Claim.InProgress();
                    }
                    Row row = rows.iterator().next();
                    if (!row.getString("request_hash").equals(requestHash)) {
                        return new Claim.Mismatch();
                    }
                    if (!row.getBoolean("completed")) {
                        return new Claim.InProgress();
                    }
                    Map<String, String> headers = new HashMap<>();
                    new JsonObject(row.getString("headers")).forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
                    return new Claim.Completed(new StoredResponse(row.getInteger("status"), row.getString("content_type"),
                            headers, row.getString("body")));
                });
    }

    @Override
    public CompletableFuture<Boolean> complete(TenantId tenant, String key, String claimId, StoredResponse response) {
        JsonObject headers = new JsonObject();
        response.headers().forEach(headers::put);
        return faultsTold(pool.preparedQuery("UPDATE idempotency_record SET completed_at = clock_timestamp(), status = $4,"
                        + " content_type = $5, headers = $6::text::jsonb, body = $7"
                        + " WHERE tenant_id = $1 AND idempotency_key = $2 AND claim_id = $3 AND completed_at IS NULL")
                .execute(Tuple.of(tenant.value(), key, UUID.fromString(claimId), response.status(), response.contentType(),
                        headers.encode(), response.body()))
                .map(completed -> completed.rowCount() > 0));
    }

    @Override
    public CompletableFuture<Void> release(TenantId tenant, String key, String claimId) {
        return faultsTold(pool.preparedQuery("DELETE FROM idempotency_record WHERE tenant_id = $1 AND idempotency_key = $2"
                        + " AND claim_id = $3 AND completed_at IS NULL")
                .execute(Tuple.of(tenant.value(), key, UUID.fromString(claimId)))
                .mapEmpty());
    }

    private static <T> CompletableFuture<T> faultsTold(Future<T> statement) {
        return statement.recover(failure -> Future.failedFuture(lostSession(failure)
                        ? new IdempotencyRecordsUnavailable(failure) : failure))
                .toCompletionStage().toCompletableFuture();
    }

    /**
     * The server ended the session (57P: shut down, restarting, terminated), the connection failed (08), or the
     * socket broke under the statement (a reset).
     */
    private static boolean lostSession(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException
                    || cause instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}

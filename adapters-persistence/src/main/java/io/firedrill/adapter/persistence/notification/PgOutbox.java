package io.firedrill.adapter.persistence.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.adapter.persistence.eventstore.StoredPayloadMapper;
import io.firedrill.application.port.in.notification.DeliveryLog;
import io.firedrill.application.port.in.notification.DeliveryLog.Attempt;
import io.firedrill.application.port.in.notification.DeliveryLog.Delivery;
import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.application.port.out.Outbox;
import io.firedrill.domain.notification.ChannelId;
import io.firedrill.domain.notification.OutgoingMessage;
import io.firedrill.domain.shared.TenantId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The outbox in {@code notification_outbox} and its delivery log in {@code notification_attempt}. A claim takes, with
 * {@code FOR UPDATE SKIP LOCKED}, the due heads of the (channel, key) chains that no live claim holds, and stamps them
 * with a lease; so instances share the work without sending one message twice at once, and a message whose instance
 * died is claimed again once its lease lapses.
 */
@ApplicationScoped
public class PgOutbox implements Outbox {

    private static final String INSERT = "INSERT INTO notification_outbox (message_id, tenant_id, channel_id,"
            + " ordering_key, type, title, message, status, attempts, next_attempt_at, created_at, since)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, 'PENDING', 0, $8, $8, $8) ON CONFLICT (message_id) DO NOTHING";
    /*
     * The due heads of chains that no live claim holds. The conditions are repeated on the locked row itself: a row
     * another instance claimed (or recorded) after this statement's snapshot is re-checked as it is now, not as the
     * snapshot saw it.
     */
    private static final String CLAIM = """
            WITH heads AS (
                SELECT DISTINCT ON (channel_id, ordering_key) message_id, next_attempt_at, claimed_until
                FROM notification_outbox WHERE status = 'PENDING'
                ORDER BY channel_id, ordering_key, seq
            ), due AS (
                SELECT o.message_id FROM notification_outbox o JOIN heads h ON h.message_id = o.message_id
                WHERE h.next_attempt_at <= $3 AND (h.claimed_until IS NULL OR h.claimed_until < $3)
                  AND o.status = 'PENDING' AND o.next_attempt_at <= $3
                  AND (o.claimed_until IS NULL OR o.claimed_until < $3)
                  AND NOT EXISTS (SELECT 1 FROM notification_outbox b WHERE b.channel_id = o.channel_id
                                  AND b.ordering_key = o.ordering_key AND b.status = 'PENDING'
                                  AND b.claimed_until >= $3)
                ORDER BY h.next_attempt_at LIMIT $1
                FOR UPDATE OF o SKIP LOCKED
            )
            UPDATE notification_outbox o SET claimed_until = $2, claim_token = gen_random_uuid()
            FROM due WHERE o.message_id = due.message_id
            RETURNING o.message_id, o.tenant_id, o.channel_id, o.attempts, o.since, o.message::text AS message,
                      o.claim_token
            """;
    private static final String RECORD = "UPDATE notification_outbox SET status = $2, attempts = attempts + $3,"
            + " next_attempt_at = COALESCE($4, next_attempt_at), delivered_at = $5, dead_reason = $6,"
            + " claimed_until = NULL, claim_token = NULL WHERE message_id = $1 AND claim_token = $7"
            + " AND status = 'PENDING' RETURNING attempts";
    private static final String ATTEMPT = "INSERT INTO notification_attempt (message_id, number, at, accepted, status,"
            + " vendor_code, detail, latency_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

    private final Pool pool;
    private final ObjectMapper mapper = StoredPayloadMapper.create();

    @Inject
    public PgOutbox(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletableFuture<Void> enqueue(List<Queued> messages) {
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<Tuple> rows = new ArrayList<>(messages.size());
        for (Queued queued : messages) {
            OutgoingMessage message = queued.message();
            rows.add(Tuple.from(List.of(queued.messageId(), queued.tenant().value(), queued.channel().value(),
                    queued.orderingKey(), message.type(), message.title(), json(message), utc(queued.queuedAt()))));
        }
        // one batch, in order: the sequence numbers follow the facts' order
        return pool.preparedQuery(INSERT).executeBatch(rows).<Void>mapEmpty().toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<List<Claimed>> claim(int limit, Duration lease, Instant now) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(limit, utc(now.plus(lease)), utc(now)))
                .compose(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    List<String> unreadable = new ArrayList<>();
                    for (Row row : rows) {
                        try {
                            claimed.add(new Claimed(row.getString("message_id"), new TenantId(row.getString("tenant_id")),
                                    new ChannelId(row.getUUID("channel_id")), row.getInteger("attempts"),
                                    row.getOffsetDateTime("since").toInstant(), message(row.getString("message")),
                                    row.getUUID("claim_token")));
                        } catch (RuntimeException e) {
                            unreadable.add(row.getString("message_id"));
                        }
                    }
                    if (unreadable.isEmpty()) {
                        return Future.succeededFuture(claimed);
                    }
                    // a message that cannot be read would hold its key's chain for ever: a dead letter, in the log
                    return pool.preparedQuery("UPDATE notification_outbox SET status = 'DEAD', claimed_until = NULL,"
                                    + " dead_reason = 'The stored message cannot be read.' WHERE message_id = ANY($1)")
                            .execute(Tuple.of(unreadable.toArray(String[]::new))).map(ignored -> claimed);
                }).toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Void> record(Claimed claimed, Instant at, DeliveryReport report, Next next) {
        String messageId = claimed.messageId();
        String status = switch (next) {
            case Next.Delivered ignored -> DeliveryLog.DELIVERED;
            case Next.RetryAt ignored -> DeliveryLog.PENDING;
            case Next.Dead ignored -> DeliveryLog.DEAD;
        };
        OffsetDateTime retryAt = next instanceof Next.RetryAt retry ? utc(retry.at()) : null;
        OffsetDateTime delivered = next instanceof Next.Delivered ? utc(at) : null;
        String reason = next instanceof Next.Dead dead ? dead.reason() : null;
        return pool.withTransaction(connection -> connection.preparedQuery(RECORD)
                        .execute(Tuple.from(java.util.Arrays.asList(messageId, status, report == null ? 0 : 1, retryAt,
                                delivered, reason, claimed.claim())))
                        .compose(rows -> {
                            if (report == null || rows.size() == 0) {
                                // nothing sent, or the claim was lost: another instance has the message now
                                return Future.succeededFuture();
                            }
                            int number = rows.iterator().next().getInteger("attempts");
                            return connection.preparedQuery(ATTEMPT).execute(Tuple.from(java.util.Arrays.asList(
                                    messageId, number, utc(at), report.accepted(), report.status(), report.vendorCode(),
                                    report.detail(), report.latency().toMillis()))).mapEmpty();
                        }))
                .<Void>mapEmpty().toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<List<Delivery>> deliveries(TenantId tenant, ChannelId channel, String status, int limit) {
        String query = "SELECT message_id, channel_id, type, title, status, attempts, created_at, next_attempt_at,"
                + " delivered_at, dead_reason FROM notification_outbox WHERE tenant_id = $1"
                + " AND ($2::uuid IS NULL OR channel_id = $2) AND ($3::text IS NULL OR status = $3)"
                + " ORDER BY seq DESC LIMIT $4";
        return pool.preparedQuery(query).execute(Tuple.from(java.util.Arrays.asList(tenant.value(),
                        channel == null ? null : channel.value(), status, limit)))
                .compose(rows -> {
                    List<Row> found = new ArrayList<>();
                    rows.forEach(found::add);
                    String[] ids = found.stream().map(row -> row.getString("message_id")).toArray(String[]::new);
                    return pool.preparedQuery("SELECT message_id, number, at, accepted, status, vendor_code, detail,"
                                    + " latency_ms FROM notification_attempt WHERE message_id = ANY($1)"
                                    + " ORDER BY message_id, number")
                            .execute(Tuple.of(ids)).map(attempts -> {
                                Map<String, List<Attempt>> byMessage = new HashMap<>();
                                for (Row a : attempts) {
                                    byMessage.computeIfAbsent(a.getString("message_id"), ignored -> new ArrayList<>())
                                            .add(new Attempt(a.getInteger("number"), a.getOffsetDateTime("at").toInstant(),
                                                    a.getBoolean("accepted"), a.getInteger("status"),
                                                    a.getString("vendor_code"), a.getString("detail"),
                                                    a.getLong("latency_ms")));
                                }
                                return found.stream().map(row -> new Delivery(row.getString("message_id"),
                                        row.getUUID("channel_id").toString(), row.getString("type"),
                                        row.getString("title"), row.getString("status"), row.getInteger("attempts"),
                                        instant(row, "created_at"),
                                        DeliveryLog.PENDING.equals(row.getString("status"))
                                                ? instant(row, "next_attempt_at") : null,
                                        instant(row, "delivered_at"), row.getString("dead_reason"),
                                        List.copyOf(byMessage.getOrDefault(row.getString("message_id"), List.of()))))
                                        .toList();
                            });
                }).toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Retried> retry(TenantId tenant, String messageId, Instant now) {
        return pool.withTransaction(connection -> connection.preparedQuery("SELECT status, claimed_until"
                                + " FROM notification_outbox WHERE message_id = $1 AND tenant_id = $2 FOR UPDATE")
                        .execute(Tuple.of(messageId, tenant.value()))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                return Future.succeededFuture(Retried.NOT_FOUND);
                            }
                            Row row = rows.iterator().next();
                            OffsetDateTime claimedUntil = row.getOffsetDateTime("claimed_until");
                            if (DeliveryLog.DELIVERED.equals(row.getString("status"))) {
                                return Future.succeededFuture(Retried.DELIVERED);
                            }
                            if (claimedUntil != null && !claimedUntil.toInstant().isBefore(now)) {
                                return Future.succeededFuture(Retried.IN_FLIGHT);
                            }
                            return connection.preparedQuery("UPDATE notification_outbox SET status = 'PENDING',"
                                            + " next_attempt_at = $2, since = $2, dead_reason = NULL WHERE message_id = $1")
                                    .execute(Tuple.of(messageId, utc(now))).map(ignored -> Retried.DUE);
                        }))
                .toCompletionStage().toCompletableFuture();
    }

    private String json(OutgoingMessage message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OutgoingMessage message(String json) {
        try {
            return mapper.readValue(json, OutgoingMessage.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("an outbox message cannot be read", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}

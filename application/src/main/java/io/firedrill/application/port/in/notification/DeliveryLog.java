package io.firedrill.application.port.in.notification;

import io.firedrill.domain.notification.ChannelId;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What became of a tenant's notifications: every message, its status and its attempts; dead letters retried by hand. */
public interface DeliveryLog {

    /** The statuses of a message. */
    String PENDING = "PENDING";
    String DELIVERED = "DELIVERED";
    String DEAD = "DEAD";

    /** One attempt at sending a message. */
    record Attempt(int number, Instant at, boolean accepted, int status, String vendorCode, String detail,
                   long latencyMs) {
    }

    /** A message and what became of it. */
    record Delivery(String messageId, String channelId, String type, String title, String status, int attempts,
                    Instant createdAt, Instant nextAttemptAt, Instant deliveredAt, String deadReason,
                    List<Attempt> history) {
    }

    /**
     * The tenant's messages, newest first.
     *
     * @param channel only this channel's, or {@code null}
     * @param status only those in this status, or {@code null}
     */
    CompletableFuture<List<Delivery>> list(TenantId tenant, ChannelId channel, String status, int limit);

    /**
     * Sends a dead letter (after its cause was fixed), or a pending message, now; {@link DeliveryNotFound} if none,
     * {@link DeliveryNotRetryable} for a delivered message or one being sent.
     */
    CompletableFuture<Void> retry(TenantId tenant, String messageId);
}

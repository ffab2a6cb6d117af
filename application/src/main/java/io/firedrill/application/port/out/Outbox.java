package io.firedrill.application.port.out;

import io.firedrill.application.port.in.notification.DeliveryLog.Delivery;
import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.domain.notification.ChannelId;
import io.firedrill.domain.notification.OutgoingMessage;
import io.firedrill.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The durable outbox of notifications: messages queued by the notification feed, claimed and sent by any instance,
 * with every attempt recorded. Messages of one ordering key (an incident) to one channel go out in log order: only
 * the oldest pending one of a key is due.
 */
public interface Outbox {

    /**
     * A message to send. Messages of one key are queued in the order of their facts, which is the order they go out in.
     *
     * @param orderingKey what the message is about (an incident's id): one channel receives a key's messages in order
     * @param queuedAt now: the message's age counts from then
     */
    record Queued(String messageId, TenantId tenant, ChannelId channel, String orderingKey, OutgoingMessage message,
                  Instant queuedAt) {
    }

    /**
     * A claimed message: send it, then {@link #record} what came of it.
     *
     * @param since when it was queued, or retried by hand: its age counts from then
     */
    record Claimed(String messageId, TenantId tenant, ChannelId channel, int attempts, Instant since,
                   OutgoingMessage message, java.util.UUID claim) {
    }

    /** What comes next for a message after an attempt. */
    sealed interface Next {
        /** The vendor took it. */
        record Delivered() implements Next {
        }

        /** Try again at {@code at}. */
        record RetryAt(Instant at) implements Next {
        }

        /** Give up: a dead letter, visible in the delivery log, sent again only when retried by hand. */
        record Dead(String reason) implements Next {
        }
    }

    /** Queues messages; one already queued (the same id, after a fact was handled again) is left as it is. */
    CompletableFuture<Void> enqueue(List<Queued> messages);

    /**
     * Claims up to {@code limit} due messages, each the oldest pending one of its key and channel whose chain no live
     * claim holds, for {@code lease}; a claim not recorded within it (the instance died) lapses.
     */
    CompletableFuture<List<Claimed>> claim(int limit, Duration lease, Instant now);

    /**
     * Records an attempt (its report may be null when nothing was sent) and what comes next, and releases the claim;
     * nothing when the claim was lost meanwhile (its lease lapsed and another instance claimed the message).
     */
    CompletableFuture<Void> record(Claimed claimed, Instant at, DeliveryReport report, Next next);

    /** The tenant's messages, newest first, with their attempts. */
    CompletableFuture<List<Delivery>> deliveries(TenantId tenant, ChannelId channel, String status, int limit);

    /** What a retry by hand came to. */
    enum Retried { DUE, NOT_FOUND, DELIVERED, IN_FLIGHT }

    /**
     * Makes a dead or pending message of the tenant due now, its age counting from now; not a delivered one, nor one
     * being sent.
     */
    CompletableFuture<Retried> retry(TenantId tenant, String messageId, Instant now);
}

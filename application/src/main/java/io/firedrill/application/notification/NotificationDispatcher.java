package io.firedrill.application.notification;

import io.firedrill.application.port.in.notification.Channel;
import io.firedrill.application.port.in.notification.DeliveryLog;
import io.firedrill.application.port.in.notification.DeliveryNotFound;
import io.firedrill.application.port.in.notification.DeliveryNotRetryable;
import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.application.port.in.notification.NotificationDelivery;
import io.firedrill.application.port.out.ChannelSender;
import io.firedrill.application.port.out.ChannelSender.Destination;
import io.firedrill.application.port.out.ChannelStore;
import io.firedrill.application.port.out.Outbox;
import io.firedrill.application.port.out.Outbox.Claimed;
import io.firedrill.application.port.out.Outbox.Next;
import io.firedrill.application.port.out.SecretSealer;
import io.firedrill.domain.notification.ChannelId;
import io.firedrill.domain.shared.TenantId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Works the outbox: claims due messages, sends each to its channel, and records the attempt and what comes next —
 * delivered; again later, after an exponential delay with jitter (or the vendor's {@code Retry-After}, if longer); or
 * a dead letter, when the vendor refuses the message for good or it stayed undelivered past its age.
 */
public final class NotificationDispatcher implements NotificationDelivery, DeliveryLog {

    private final Outbox outbox;
    private final ChannelStore channels;
    private final SecretSealer sealer;
    private final ChannelSender sender;
    private final NotificationSettings settings;
    private final Clock clock;

    public NotificationDispatcher(Outbox outbox, ChannelStore channels, SecretSealer sealer, ChannelSender sender,
                                  NotificationSettings settings, Clock clock) {
        this.outbox = outbox;
        this.channels = channels;
        this.sealer = sealer;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Integer> deliverDue() {
        return outbox.claim(settings.batch(), settings.lease(), clock.instant()).thenCompose(claimed -> CompletableFuture
                .allOf(claimed.stream().map(this::deliver).toArray(CompletableFuture[]::new))
                .thenApply(ignored -> claimed.size()));
    }

    private CompletableFuture<Void> deliver(Claimed message) {
        return channels.find(message.channel()).thenCompose(found -> {
            Optional<Channel> channel = found.filter(c -> c.tenant().equals(message.tenant()));
            if (channel.isEmpty()) {
                return outbox.record(message, clock.instant(), null,
                        new Next.Dead("The channel was deleted."));
            }
            Optional<Destination> destination = open(channel.get());
            if (destination.isEmpty()) {
                DeliveryReport unopened = new DeliveryReport(false, 0, null, "The channel's destination cannot be"
                        + " opened with the configured secrets key; give the channel its URL again.", null,
                        Duration.ZERO, true);
                return outbox.record(message, clock.instant(), unopened, next(message, unopened));
            }
            return sender.deliver(channel.get().settings().kind(), destination.get(), message.message())
                    .handle((report, failure) -> {
                        if (failure == null) {
                            return outbox.record(message, clock.instant(), report, next(message, report));
                        }
                        Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause()
                                : failure;
                        if (cause instanceof ChannelSender.Held held) {
                            // not sent: no attempt, the message waits for the destination, unless it waited too long
                            Instant now = clock.instant();
                            Next next = Duration.between(message.since(), now).compareTo(settings.deadAfter()) >= 0
                                    ? new Next.Dead("Undelivered for " + settings.deadAfter() + ": " + held.getMessage())
                                    : new Next.RetryAt(now.plus(held.retryAfter()));
                            return outbox.record(message, now, null, next);
                        }
                        return CompletableFuture.<Void>failedFuture(cause);
                    }).thenCompose(recorded -> recorded);
        });
    }

    /** What comes after an attempt that came to {@code report}. */
    Next next(Claimed message, DeliveryReport report) {
        Instant now = clock.instant();
        if (report.accepted()) {
            return new Next.Delivered();
        }
        if (!report.retryable()) {
            return new Next.Dead("Refused: " + report.detail());
        }
        if (Duration.between(message.since(), now).compareTo(settings.deadAfter()) >= 0) {
            return new Next.Dead("Undelivered for " + settings.deadAfter() + "; the last attempt: " + report.detail());
        }
        Duration delay = backoff(message.attempts() + 1);
        if (report.retryAfter() != null && report.retryAfter().compareTo(delay) > 0) {
            delay = report.retryAfter();
        }
        return new Next.RetryAt(now.plus(delay));
    }

    /** The delay before attempt {@code n + 1}: the first delay doubled {@code n - 1} times, capped, with jitter. */
    Duration backoff(int attempts) {
        long first = settings.firstRetryDelay().toMillis();
        long cap = settings.maxRetryDelay().toMillis();
        long grown = attempts >= 31 ? cap : Math.min(cap, first << Math.max(0, attempts - 1));
        // full jitter over the upper half: retries of many messages spread out instead of arriving together
        return Duration.ofMillis(grown / 2 + ThreadLocalRandom.current().nextLong(grown / 2 + 1));
    }

    private Optional<Destination> open(Channel channel) {
        Optional<String> url = sealer.open(channel.destination().url());
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (channel.destination().secret() == null) {
            return Optional.of(new Destination(URI.create(url.get()), null));
        }
        return sealer.open(channel.destination().secret()).map(secret -> new Destination(URI.create(url.get()), secret));
    }

    @Override
    public CompletableFuture<List<Delivery>> list(TenantId tenant, ChannelId channel, String status, int limit) {
        return outbox.deliveries(tenant, channel, status, limit);
    }

    @Override
    public CompletableFuture<Void> retry(TenantId tenant, String messageId) {
        return outbox.retry(tenant, messageId, clock.instant()).thenAccept(retried -> {
            switch (retried) {
                case DUE -> {
                }
                case NOT_FOUND -> throw new DeliveryNotFound(messageId);
                case DELIVERED -> throw new DeliveryNotRetryable("The notification was delivered; it is not sent twice.");
                case IN_FLIGHT -> throw new DeliveryNotRetryable("The notification is being sent now; look again in a"
                        + " moment.");
            }
        });
    }
}

package io.firedrill.application.port.out;

import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.domain.notification.ChannelKind;
import io.firedrill.domain.notification.OutgoingMessage;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages to channel destinations in each vendor's format and signing scheme, within the operator's outbound
 * rules: the vendor's hosts for vendor kinds, an allow-list for signed webhooks, no private or loopback address unless
 * allowed, bounded connect and read times, bounded answers.
 */
public interface ChannelSender {

    /**
     * The URL of a destination of {@code kind} when the outbound rules allow it; an {@link IllegalArgumentException}
     * whose message starts with {@code url} when they do not (checked again, with the resolved address, at every send).
     */
    URI allowed(ChannelKind kind, String url);

    /** Sends once, now (a test send); never fails: what went wrong is in the report. */
    CompletableFuture<DeliveryReport> send(ChannelKind kind, Destination destination, OutgoingMessage message);

    /**
     * Sends once within the vendor's rate limit for the destination and the destination's circuit breaker. When either
     * holds the message back, nothing is sent and the future fails with {@link Held}; else as {@link #send}.
     */
    CompletableFuture<DeliveryReport> deliver(ChannelKind kind, Destination destination, OutgoingMessage message);

    /** A message held back, not sent: the destination's rate limit is used up, or its circuit breaker is open. */
    final class Held extends RuntimeException {

        private final java.time.Duration retryAfter;

        public Held(String reason, java.time.Duration retryAfter) {
            super(reason);
            this.retryAfter = retryAfter;
        }

        /** When to try again at the earliest. */
        public java.time.Duration retryAfter() {
            return retryAfter;
        }
    }

    /** An opened destination: the URL and the signing secret ({@code null} for kinds that sign nothing). */
    record Destination(URI url, String secret) {

        @Override
        public String toString() {
            return "Destination[" + url.getHost() + ", redacted]";
        }
    }
}

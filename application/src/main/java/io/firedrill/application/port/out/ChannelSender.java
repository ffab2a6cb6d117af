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

    /** Sends once; never fails: what went wrong is in the report. */
    CompletableFuture<DeliveryReport> send(ChannelKind kind, Destination destination, OutgoingMessage message);

    /** An opened destination: the URL and the signing secret ({@code null} for kinds that sign nothing). */
    record Destination(URI url, String secret) {

        @Override
        public String toString() {
            return "Destination[" + url.getHost() + ", redacted]";
        }
    }
}

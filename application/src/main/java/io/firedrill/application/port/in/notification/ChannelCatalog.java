package io.firedrill.application.port.in.notification;

import io.firedrill.domain.notification.ChannelId;
import io.firedrill.domain.notification.ChannelSettings;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** A tenant's notification channels: create, read, change, delete, and send a test message. */
public interface ChannelCatalog {

    /**
     * Creates a channel. {@code url} must be allowed for its kind (the vendor's host, or for signed webhooks the
     * operator's allow-list); {@code secret} is the vendor's signing secret for kinds that need one and must be absent
     * otherwise. A signed webhook's secret is issued here and only the result carries it.
     */
    CompletableFuture<Created> create(TenantId tenant, ChannelSettings settings, String url, String secret);

    /** The tenant's channel; {@link ChannelNotFound} for another tenant's or a deleted one. */
    CompletableFuture<Channel> get(TenantId tenant, ChannelId id);

    CompletableFuture<List<Channel>> list(TenantId tenant);

    /**
     * Changes the settings, and the URL or the signing secret when given ({@code null} keeps them, sealed as they
     * are); the kind cannot change. The future fails with {@link ChannelVersionMismatch} when the channel changed meanwhile.
     *
     * @param expectedVersion the version the caller saw, or {@code null} to change whatever the version is
     */
    CompletableFuture<Channel> change(TenantId tenant, ChannelId id, UnaryOperator<ChannelSettings> change, String url,
                                      String secret, Long expectedVersion);

    /**
     * Replaces a signed webhook's secret with a new one, which only the result carries; and its URL when {@code url} is
     * given (a channel whose URL can no longer be opened, after the secrets key changed, is repaired so).
     */
    CompletableFuture<Created> rotateSecret(TenantId tenant, ChannelId id, String url, Long expectedVersion);

    CompletableFuture<Void> delete(TenantId tenant, ChannelId id);

    /** Sends a test message, in the channel's language and format, and reports what the vendor answered. */
    CompletableFuture<DeliveryReport> test(TenantId tenant, ChannelId id, String requestedBy);

    /** A channel and the secret issued for it, to be shown once ({@code null} for kinds whose secret is given). */
    record Created(Channel channel, String secret) {

        @Override
        public String toString() {
            return "Created[" + channel.id() + ", secret redacted]";
        }
    }
}

package io.firedrill.application.port.in.notification;

import io.firedrill.domain.notification.ChannelId;
import io.firedrill.domain.notification.ChannelSettings;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A notification channel of one tenant: its settings and its destination, which is stored sealed.
 *
 * @param version increases with every change; {@code If-Match} compares against it
 */
public record Channel(ChannelId id, TenantId tenant, ChannelSettings settings, SealedDestination destination,
                      Instant createdAt, Instant updatedAt, long version) {

    public Channel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * Where a channel sends, as stored: the URL (whose path or query is the credential of most vendors) and the signing
     * secret are sealed under the operator's secrets key; only the host is kept in the clear, to be shown.
     *
     * @param secret the sealed signing secret, {@code null} for kinds that sign nothing
     */
    public record SealedDestination(String host, String url, String secret) {

        public SealedDestination {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String toString() {
            return "SealedDestination[" + host + ", redacted]";
        }
    }
}

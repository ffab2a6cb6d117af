package io.firedrill.application.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.application.port.in.alert.SecretsKeyMissing;
import io.firedrill.application.port.in.notification.Channel;
import io.firedrill.application.port.in.notification.ChannelCatalog.Created;
import io.firedrill.application.port.in.notification.ChannelNotFound;
import io.firedrill.application.port.in.notification.ChannelVersionMismatch;
import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.application.port.out.ChannelSender;
import io.firedrill.application.port.out.ChannelStore;
import io.firedrill.application.port.out.SecretSealer;
import io.firedrill.domain.notification.ChannelId;
import io.firedrill.domain.notification.ChannelKind;
import io.firedrill.domain.notification.ChannelSettings;
import io.firedrill.domain.notification.OutgoingMessage;
import io.firedrill.domain.shared.TenantId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Channels whose sealed destination can no longer be opened (the secrets key changed) are repaired by giving what
 * cannot be opened again; a lost race reports what the store holds.
 */
class ChannelCatalogServiceTest {

    private static final TenantId TENANT = new TenantId("t");

    /** No routes, and none kept: these tests are about channels alone. */
    private static final io.firedrill.application.port.out.RouteStore NO_ROUTES = new io.firedrill.application.port.out.RouteStore() {
        @Override
        public CompletableFuture<Void> create(io.firedrill.application.port.in.notification.Route route) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Optional<io.firedrill.application.port.in.notification.Route>> find(
                io.firedrill.domain.notification.RouteId id) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletableFuture<List<io.firedrill.application.port.in.notification.Route>> list(TenantId tenant) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<Boolean> replace(io.firedrill.application.port.in.notification.Route route, long expected) {
            return CompletableFuture.completedFuture(false);
        }

        @Override
        public CompletableFuture<Boolean> delete(TenantId tenant, io.firedrill.domain.notification.RouteId id) {
            return CompletableFuture.completedFuture(false);
        }
    };

    /** Seals by prefixing the key's name: a sealer with another key cannot open what the first sealed. */
    private static final class Sealer implements SecretSealer {
        String key = "k1";

        @Override
        public String seal(String secret) {
            return key + ":" + secret;
        }

        @Override
        public Optional<String> open(String sealed) {
            return sealed.startsWith(key + ":") ? Optional.of(sealed.substring(key.length() + 1)) : Optional.empty();
        }
    }

    private static class Store implements ChannelStore {
        final Map<ChannelId, Channel> rows = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<Void> create(Channel channel) {
            rows.put(channel.id(), channel);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Optional<Channel>> find(ChannelId id) {
            return CompletableFuture.completedFuture(Optional.ofNullable(rows.get(id)));
        }

        @Override
        public CompletableFuture<List<Channel>> list(TenantId tenant) {
            return CompletableFuture.completedFuture(List.copyOf(rows.values()));
        }

        @Override
        public CompletableFuture<Boolean> replace(Channel channel, long expectedVersion) {
            Channel current = rows.get(channel.id());
            if (current == null || current.version() != expectedVersion) {
                return CompletableFuture.completedFuture(false);
            }
            rows.put(channel.id(), channel);
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public CompletableFuture<Boolean> delete(TenantId tenant, ChannelId id) {
            return CompletableFuture.completedFuture(rows.remove(id) != null);
        }
    }

    private static final class Sender implements ChannelSender {
        final List<Destination> sent = new ArrayList<>();

        @Override
        public URI allowed(ChannelKind kind, String url) {
            return URI.create(url);
        }

        @Override
        public CompletableFuture<DeliveryReport> deliver(ChannelKind kind, Destination destination, OutgoingMessage message) {
            return send(kind, destination, message);
        }

        @Override
        public CompletableFuture<DeliveryReport> send(ChannelKind kind, Destination destination, OutgoingMessage message) {
            sent.add(destination);
            return CompletableFuture.completedFuture(new DeliveryReport(true, 200, null, "accepted", null, Duration.ZERO,
                    false));
        }
    }

    private final Sealer sealer = new Sealer();
    private final Store store = new Store();
    private final Sender sender = new Sender();
    private final ChannelCatalogService catalog = new ChannelCatalogService(store, NO_ROUTES, sealer, sender,
            Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));

    private static <T> T join(CompletableFuture<T> future) {
        return future.join();
    }

    @Test
    void afterTheKeyChanged_aVendorChannelIsRepairedByGivingItsUrlAgain() {
        Channel slack = join(catalog.create(TENANT, new ChannelSettings("s", ChannelKind.SLACK, null, false),
                "https://hooks.slack.com/services/old", null)).channel();
        sealer.key = "k2";
        assertThatThrownBy(() -> join(catalog.test(TENANT, slack.id(), "me")))
                .hasCauseInstanceOf(SecretsKeyMissing.class);

        join(catalog.change(TENANT, slack.id(), s -> s, "https://hooks.slack.com/services/new", null, null));
        join(catalog.test(TENANT, slack.id(), "me"));
        assertThat(sender.sent.getLast().url()).hasToString("https://hooks.slack.com/services/new");

        Channel feishu = join(catalog.create(TENANT, new ChannelSettings("f", ChannelKind.FEISHU, null, false),
                "https://open.feishu.cn/hook/1", "old-secret")).channel();
        sealer.key = "k3";
        join(catalog.change(TENANT, feishu.id(), s -> s, "https://open.feishu.cn/hook/1", "new-secret", null));
        join(catalog.test(TENANT, feishu.id(), "me"));
        assertThat(sender.sent.getLast().secret()).isEqualTo("new-secret");
    }

    @Test
    void afterTheKeyChanged_aSignedWebhookIsRepairedByARotationWithItsUrl() {
        Created created = join(catalog.create(TENANT, new ChannelSettings("w", ChannelKind.WEBHOOK, null, false),
                "https://hooks.example.com/a", null));
        sealer.key = "k2";
        Created rotated = join(catalog.rotateSecret(TENANT, created.channel().id(), "https://hooks.example.com/a", null));
        assertThat(rotated.secret()).startsWith("whsec_").isNotEqualTo(created.secret());
        join(catalog.test(TENANT, created.channel().id(), "me"));
        assertThat(sender.sent.getLast().secret()).isEqualTo(rotated.secret());
    }

    @Test
    void aLostRace_reportsTheVersionFound_orThatTheChannelIsGone() {
        Channel channel = join(catalog.create(TENANT, new ChannelSettings("s", ChannelKind.SLACK, null, false),
                "https://hooks.slack.com/services/x", null)).channel();
        Store racing = new Store() {
            @Override
            public CompletableFuture<Boolean> replace(Channel changed, long expectedVersion) {
                // another change lands first, twice
                Channel current = rows.get(changed.id());
                rows.put(changed.id(), new Channel(current.id(), current.tenant(), current.settings(),
                        current.destination(), current.createdAt(), current.updatedAt(), current.version() + 2));
                return CompletableFuture.completedFuture(false);
            }
        };
        racing.rows.putAll(store.rows);
        ChannelCatalogService raced = new ChannelCatalogService(racing, NO_ROUTES, sealer, sender, Clock.systemUTC());
        assertThatThrownBy(() -> join(raced.change(TENANT, channel.id(), s -> s, null, null, null)))
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(ChannelVersionMismatch.class)
                .hasMessageContaining("version 3");

        Store deleting = new Store() {
            @Override
            public CompletableFuture<Boolean> replace(Channel changed, long expectedVersion) {
                rows.remove(changed.id());
                return CompletableFuture.completedFuture(false);
            }
        };
        deleting.rows.putAll(store.rows);
        ChannelCatalogService gone = new ChannelCatalogService(deleting, NO_ROUTES, sealer, sender, Clock.systemUTC());
        assertThatThrownBy(() -> join(gone.change(TENANT, channel.id(), s -> s, null, null, null)))
                .cause().isInstanceOf(ChannelNotFound.class);
    }
}

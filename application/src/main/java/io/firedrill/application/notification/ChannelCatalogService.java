package io.firedrill.application.notification;

import io.firedrill.application.port.in.alert.SecretsKeyMissing;
import io.firedrill.application.port.in.notification.Channel;
import io.firedrill.application.port.in.notification.Channel.SealedDestination;
import io.firedrill.application.port.in.notification.ChannelCatalog;
import io.firedrill.application.port.in.notification.ChannelInUse;
import io.firedrill.application.port.in.notification.ChannelNotFound;
import io.firedrill.application.port.in.notification.ChannelVersionMismatch;
import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.application.port.out.ChannelSender;
import io.firedrill.application.port.out.ChannelSender.Destination;
import io.firedrill.application.port.out.ChannelStore;
import io.firedrill.application.port.out.RouteStore;
import io.firedrill.application.port.out.SecretSealer;
import io.firedrill.domain.notification.ChannelId;
import io.firedrill.domain.notification.ChannelKind;
import io.firedrill.domain.notification.ChannelKind.SigningSecret;
import io.firedrill.domain.notification.ChannelSettings;
import io.firedrill.domain.notification.MessageLanguage;
import io.firedrill.domain.notification.OutgoingMessage;
import io.firedrill.domain.shared.FieldText;
import io.firedrill.domain.shared.TenantId;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** The channel use cases over the channels' store, the sealer and the sender. */
public final class ChannelCatalogService implements ChannelCatalog {

    /** The longest signing secret accepted from a vendor (theirs are a few dozen characters). */
    static final int SECRET_MAX = 200;
    /** The Standard Webhooks secret prefix; the rest is the base64 of the key. */
    static final String WEBHOOK_SECRET_PREFIX = "whsec_";

    private final ChannelStore channels;
    private final RouteStore routes;
    private final SecretSealer sealer;
    private final ChannelSender sender;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ChannelCatalogService(ChannelStore channels, RouteStore routes, SecretSealer sealer, ChannelSender sender,
                                 Clock clock) {
        this.channels = channels;
        this.routes = routes;
        this.sealer = sealer;
        this.sender = sender;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Created> create(TenantId tenant, ChannelSettings settings, String url, String secret) {
        ChannelKind kind = settings.kind();
        URI allowed = sender.allowed(kind, url);
        String signing = given(kind, secret, true);
        String issued = kind.signingSecret() == SigningSecret.ISSUED ? issue() : null;
        signing = issued != null ? issued : signing;
        Instant now = clock.instant();
        Channel channel = new Channel(new ChannelId(UUID.randomUUID()), tenant, settings, seal(allowed, signing), now, now, 1);
        return channels.create(channel).thenApply(ignored -> new Created(channel, issued));
    }

    @Override
    public CompletableFuture<Channel> get(TenantId tenant, ChannelId id) {
        return channels.find(id).thenApply(found -> found.filter(c -> c.tenant().equals(tenant))
                .orElseThrow(() -> new ChannelNotFound(id)));
    }

    @Override
    public CompletableFuture<List<Channel>> list(TenantId tenant) {
        return channels.list(tenant);
    }

    @Override
    public CompletableFuture<Channel> change(TenantId tenant, ChannelId id, UnaryOperator<ChannelSettings> change,
                                             String url, String secret, Long expectedVersion) {
        return current(tenant, id, expectedVersion).thenCompose(current -> {
            ChannelSettings settings = change.apply(current.settings());
            if (settings.kind() != current.settings().kind()) {
                throw new IllegalArgumentException("kind cannot be changed; create another channel");
            }
            ChannelKind kind = settings.kind();
            // what is kept stays sealed as it is (a channel whose URL can no longer be opened, after the secrets key
            // changed, is repaired by giving its URL again)
            SealedDestination kept = current.destination();
            URI target = url == null ? null : sender.allowed(kind, url);
            String signing = secret == null ? null : given(kind, secret, false);
            SealedDestination destination = new SealedDestination(
                    target == null ? kept.host() : target.getHost().toLowerCase(Locale.ROOT),
                    target == null ? kept.url() : sealer.seal(target.toString()),
                    signing == null ? kept.secret() : sealer.seal(signing));
            return replace(current, new Channel(id, tenant, settings, destination, current.createdAt(),
                    clock.instant(), current.version() + 1));
        });
    }

    @Override
    public CompletableFuture<Created> rotateSecret(TenantId tenant, ChannelId id, String url, Long expectedVersion) {
        return current(tenant, id, expectedVersion).thenCompose(current -> {
            ChannelKind kind = current.settings().kind();
            if (kind.signingSecret() != SigningSecret.ISSUED) {
                throw new IllegalArgumentException("kind " + kind + " channels sign with the vendor's secret (or none):"
                        + " change it with PATCH; only WEBHOOK secrets are issued here");
            }
            String issued = issue();
            SealedDestination kept = current.destination();
            SealedDestination destination = url == null
                    ? new SealedDestination(kept.host(), kept.url(), sealer.seal(issued))
                    : seal(sender.allowed(kind, url), issued);
            Channel rotated = new Channel(id, tenant, current.settings(), destination, current.createdAt(),
                    clock.instant(), current.version() + 1);
            return replace(current, rotated).thenApply(replaced -> new Created(replaced, issued));
        });
    }

    @Override
    public CompletableFuture<Void> delete(TenantId tenant, ChannelId id) {
        return routes.list(tenant).thenCompose(all -> {
            List<String> using = all.stream().filter(route -> route.settings().channel().equals(id))
                    .map(route -> route.settings().name() + " (" + route.id() + ")").toList();
            if (!using.isEmpty()) {
                throw new ChannelInUse(id, using);
            }
            return channels.delete(tenant, id);
        }).thenAccept(deleted -> {
            if (!deleted) {
                throw new ChannelNotFound(id);
            }
        });
    }

    @Override
    public CompletableFuture<DeliveryReport> test(TenantId tenant, ChannelId id, String requestedBy) {
        return get(tenant, id).thenCompose(channel -> sender.send(channel.settings().kind(), open(channel),
                testMessage(channel, requestedBy)));
    }

    private CompletableFuture<Channel> current(TenantId tenant, ChannelId id, Long expectedVersion) {
        return get(tenant, id).thenApply(current -> {
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw new ChannelVersionMismatch(expectedVersion, current.version());
            }
            return current;
        });
    }

    /** Writes the change unless the channel changed meanwhile; then says what it found (deleted, or its version). */
    private CompletableFuture<Channel> replace(Channel current, Channel changed) {
        return channels.replace(changed, current.version()).thenCompose(replaced -> replaced
                ? CompletableFuture.completedFuture(changed)
                : channels.find(current.id()).<Channel>thenApply(now -> {
                    throw now.filter(c -> c.tenant().equals(current.tenant()))
                            .<RuntimeException>map(c -> new ChannelVersionMismatch(current.version(), c.version()))
                            .orElseGet(() -> new ChannelNotFound(current.id()));
                }));
    }

    /** The signing secret given for a kind: required where the vendor signs, refused where nothing is signed. */
    private static String given(ChannelKind kind, String secret, boolean creating) {
        return switch (kind.signingSecret()) {
            case GIVEN -> {
                if (creating && (secret == null || secret.isBlank())) {
                    throw new IllegalArgumentException("secret must be given for " + kind + " channels: the signing"
                            + " secret the vendor shows when signature verification is turned on");
                }
                yield FieldText.required(secret, "secret", SECRET_MAX);
            }
            case NONE -> {
                if (secret != null) {
                    throw new IllegalArgumentException("secret is not used by " + kind + " channels: their URL is"
                            + " the credential");
                }
                yield null;
            }
            case ISSUED -> {
                if (secret != null) {
                    throw new IllegalArgumentException("secret is issued by Firedrill for " + kind
                            + " channels: POST .../secret replaces it");
                }
                yield null;
            }
        };
    }

    private String issue() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return WEBHOOK_SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    private SealedDestination seal(URI url, String secret) {
        return new SealedDestination(url.getHost().toLowerCase(Locale.ROOT), sealer.seal(url.toString()),
                secret == null ? null : sealer.seal(secret));
    }

    private Destination open(Channel channel) {
        SealedDestination sealed = channel.destination();
        String url = sealer.open(sealed.url()).orElseThrow(() -> unopenable(channel));
        String secret = sealed.secret() == null ? null : sealer.open(sealed.secret()).orElseThrow(() -> unopenable(channel));
        return new Destination(URI.create(url), secret);
    }

    private static SecretsKeyMissing unopenable(Channel channel) {
        return new SecretsKeyMissing("The destination of channel " + channel.id() + " cannot be opened with the"
                + " configured secrets key (FIREDRILL_SECRETS_KEY): was the key changed? Give the channel its URL"
                + " (and secret) again with PATCH.");
    }

    /** The test message, in the channel's language. */
    OutgoingMessage testMessage(Channel channel, String requestedBy) {
        boolean zh = channel.settings().language() == MessageLanguage.ZH;
        String name = channel.settings().name();
        String title = zh ? "Firedrill 测试消息" : "Firedrill test message";
        String text = zh
                ? "这是一条测试消息，用于检查通道 **" + name + "**。能看到它，说明 Firedrill 可以向这里发送通知。"
                : "This message tests the channel **" + name + "**. If you can read it, Firedrill can send"
                + " notifications here.";
        List<OutgoingMessage.Field> fields = List.of(
                new OutgoingMessage.Field(zh ? "发起人" : "Requested by", requestedBy),
                new OutgoingMessage.Field(zh ? "通道" : "Channel", name + " (" + channel.settings().kind() + ")"));
        return new OutgoingMessage("fd-test-" + UUID.randomUUID(), "firedrill.test", clock.instant(), title, text, fields,
                null, OutgoingMessage.Colour.NEUTRAL);
    }
}

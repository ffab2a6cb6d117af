package io.firedrill.adapter.webhook.notification;

import io.firedrill.adapter.webhook.notification.VendorFormat.Answer;
import io.firedrill.adapter.webhook.notification.VendorFormat.Prepared;
import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.application.port.out.ChannelSender;
import io.firedrill.domain.notification.ChannelKind;
import io.firedrill.domain.notification.OutgoingMessage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends channel messages with Vert.x's HTTP client, never blocking an event loop (the name is resolved on a worker).
 * Every send resolves the destination's host, refuses it when any of its addresses is not permitted
 * ({@link OutboundRules}), and connects to the checked address itself, so that a name cannot resolve to another address
 * between the check and the connection; TLS still verifies the URL's host. Redirects are not followed. Bounded by
 * {@code firedrill.notifications.connect-timeout}, {@code read-timeout} (silence while waiting for the answer) and
 * {@code send-timeout} (the whole send); at most 16 KiB of an answer is read.
 */
@ApplicationScoped
@Startup // its settings are checked when the application starts, not at the first send
public class HttpChannelSender implements ChannelSender {

    static final int KEPT = 16 * 1024;

    private final Vertx vertx;
    private final OutboundRules rules;
    private final Clock clock;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration sendTimeout;
    private final HttpClient client;
    private final DestinationGuards guards;

    @Inject
    public HttpChannelSender(Vertx vertx, OutboundRules rules, Clock clock,
                             @ConfigProperty(name = "firedrill.notifications.connect-timeout") Duration connectTimeout,
                             @ConfigProperty(name = "firedrill.notifications.read-timeout") Duration readTimeout,
                             @ConfigProperty(name = "firedrill.notifications.send-timeout") Duration sendTimeout,
                             @ConfigProperty(name = "firedrill.http.request-deadline") Duration requestDeadline,
                             @ConfigProperty(name = "firedrill.notifications.circuit-breaker-delay") Duration breakerDelay) {
        if (sendTimeout.plusSeconds(1).compareTo(requestDeadline) > 0) {
            // a test send must answer before the request's deadline turns it into a 503
            throw new IllegalStateException("firedrill.notifications.send-timeout (" + sendTimeout + ") must be at"
                    + " least a second below firedrill.http.request-deadline (" + requestDeadline + ")");
        }
        this.vertx = vertx;
        this.rules = rules;
        this.clock = clock;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.sendTimeout = sendTimeout;
        this.guards = new DestinationGuards(breakerDelay);
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()))
                .setKeepAlive(true)
                .setMaxPoolSize(8)
                .setVerifyHost(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public URI allowed(ChannelKind kind, String url) {
        return rules.allowed(kind, url);
    }

    @Override
    public CompletableFuture<DeliveryReport> deliver(ChannelKind kind, Destination destination, OutgoingMessage message) {
        return guards.deliver(kind, destination, () -> send(kind, destination, message));
    }

    @Override
    public CompletableFuture<DeliveryReport> send(ChannelKind kind, Destination destination, OutgoingMessage message) {
        long started = System.nanoTime();
        CompletableFuture<DeliveryReport> result = new CompletableFuture<>();
        URI url;
        try {
            url = rules.allowed(kind, destination.url().toString());
        } catch (IllegalArgumentException refused) {
            result.complete(refusal(refused.getMessage(), started));
            return result;
        } catch (RuntimeException e) {
            result.complete(broken(e, started));
            return result;
        }
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        long timer = vertx.setTimer(sendTimeout.toMillis(), ignored -> {
            if (result.complete(new DeliveryReport(false, 0, null, "No answer within " + sendTimeout.toSeconds()
                    + " s (firedrill.notifications.send-timeout)", null, since(started), true))) {
                HttpClientRequest inFlight = request.get();
                if (inFlight != null) {
                    inFlight.reset();
                }
            }
        });
        result.whenComplete((report, failure) -> vertx.cancelTimer(timer));
        String host = url.getHost();
        vertx.<InetAddress[]>executeBlocking(() -> InetAddress.getAllByName(
                host.startsWith("[") ? host.substring(1, host.length() - 1) : host), false).onComplete(resolved -> guarded(
                result, started, () -> {
            if (result.isDone()) {
                return;
            }
            if (resolved.failed()) {
                result.complete(new DeliveryReport(false, 0, null, "The host " + host + " cannot be resolved: "
                        + resolved.cause().getMessage(), null, since(started), true));
                return;
            }
            InetAddress[] addresses = resolved.result();
            InetAddress[] refused = Arrays.stream(addresses).filter(a -> !rules.permitted(a)).toArray(InetAddress[]::new);
            if (refused.length > 0 || addresses.length == 0) {
                result.complete(refusal("url: the host " + host + " resolves to a non-public address ("
                        + (refused.length > 0 ? refused[0].getHostAddress() : "none") + "); the operator can allow its"
                        + " network with FIREDRILL_NOTIFICATIONS_ALLOWED_NETWORKS", started));
                return;
            }
            Prepared prepared = VendorFormat.of(kind).prepare(message, new Destination(url, destination.secret()),
                    clock.instant());
            exchange(prepared, addresses[0], request, started, VendorFormat.of(kind), result);
        }));
        return result;
    }

    /**
     * Runs a step of a send; whatever it throws completes the send with a report (a callback's exception would
     * otherwise only be logged by Vert.x, and the send would wait for its timeout, or forever once Vert.x closes).
     */
    private static void guarded(CompletableFuture<DeliveryReport> result, long started, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            result.complete(broken(e, started));
        }
    }

    private void exchange(Prepared prepared, InetAddress address, AtomicReference<HttpClientRequest> request,
                          long started, VendorFormat format, CompletableFuture<DeliveryReport> result) {
        URI target = prepared.url();
        boolean tls = "https".equalsIgnoreCase(target.getScheme());
        int port = target.getPort() > 0 ? target.getPort() : tls ? 443 : 80;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.toString())
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setConnectTimeout(connectTimeout.toMillis())
                .setIdleTimeout(readTimeout.toMillis())
                .setFollowRedirects(false);
        prepared.headers().forEach(options::putHeader);
        client.request(options).onComplete(opened -> guarded(result, started, () -> {
            if (opened.failed()) {
                result.complete(unreachable(opened.cause(), started));
                return;
            }
            HttpClientRequest sending = opened.result();
            request.set(sending);
            if (result.isDone()) {
                sending.reset();
                return;
            }
            sending.send(Buffer.buffer(prepared.body())).onComplete(answered -> guarded(result, started, () -> {
                if (answered.failed()) {
                    result.complete(unreachable(answered.cause(), started));
                    return;
                }
                read(answered.result(), sending, started, format, result);
            }));
        }));
    }

    /** Reads at most {@link #KEPT} bytes of the answer; a longer one is cut and its connection reset. */
    private void read(HttpClientResponse response, HttpClientRequest request, long started, VendorFormat format,
                      CompletableFuture<DeliveryReport> result) {
        Buffer kept = Buffer.buffer();
        Duration retryAfter = retryAfter(response.getHeader("Retry-After"), clock.instant());
        Runnable finish = () -> guarded(result, started, () -> result.complete(format.interpret(new Answer(
                response.statusCode(), kept.toString(StandardCharsets.UTF_8), retryAfter, since(started)))));
        response.handler(chunk -> {
            if (result.isDone()) {
                return;
            }
            int room = KEPT - kept.length();
            kept.appendBuffer(chunk.length() <= room ? chunk : chunk.slice(0, room));
            if (chunk.length() > room) {
                finish.run();
                request.reset();
            }
        });
        response.exceptionHandler(failure -> result.complete(unreachable(failure, started)));
        response.endHandler(ignored -> finish.run());
    }

    private static DeliveryReport refusal(String detail, long started) {
        return new DeliveryReport(false, 0, null, detail, null, since(started), false);
    }

    /**
     * A failure before an answer, in fixed words: an exception's message may hold the request's path and query, which
     * for most vendors are the credential.
     */
    private static DeliveryReport unreachable(Throwable failure, long started) {
        String reason = switch (failure) {
            case java.util.concurrent.TimeoutException ignored -> "no answer within the read timeout"
                    + " (firedrill.notifications.read-timeout)";
            case io.netty.channel.ConnectTimeoutException ignored -> "the connection was not accepted within the"
                    + " connect timeout (firedrill.notifications.connect-timeout)";
            case java.net.ConnectException ignored -> "the connection was refused";
            case javax.net.ssl.SSLException ignored -> "the TLS handshake failed (a certificate that does not match"
                    + " the host, or an untrusted one)";
            case io.vertx.core.VertxException closed when "Connection was closed".equals(closed.getMessage()) ->
                    "the connection was closed before the answer";
            default -> "the exchange failed (" + failure.getClass().getSimpleName() + ")";
        };
        return new DeliveryReport(false, 0, null, "No answer: " + reason, null, since(started), true);
    }

    /** A send that broke on this side (a secret that cannot be used, a URL that cannot be sent to). */
    private static DeliveryReport broken(RuntimeException e, long started) {
        return new DeliveryReport(false, 0, null, "The message could not be sent: " + e.getClass().getSimpleName(),
                null, since(started), false);
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** {@code Retry-After} as seconds or as an HTTP date; {@code null} when absent or unreadable. */
    static Duration retryAfter(String header, java.time.Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            Duration until = Duration.between(now,
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

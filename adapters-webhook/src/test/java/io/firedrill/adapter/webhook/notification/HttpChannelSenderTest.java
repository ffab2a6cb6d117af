package io.firedrill.adapter.webhook.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.application.port.out.ChannelSender.Destination;
import io.firedrill.domain.notification.ChannelKind;
import io.firedrill.domain.notification.OutgoingMessage;
import io.vertx.core.Vertx;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender against a local server: what it does with redirects, long answers, silence and its own failures. */
class HttpChannelSenderTest {

    private static final String PATH = "/services/T0/B0/the-secret-token";

    private HttpServer server;
    private Vertx vertx;
    private HttpChannelSender sender;
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/redirect", exchange -> {
            calls.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + server.getAddress().getPort() + PATH);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/long", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(500, 0); // chunked, endless
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = "x".repeat(4_096).getBytes();
                for (int i = 0; i < 10_000; i++) {
                    out.write(chunk);
                }
            } catch (java.io.IOException reset) {
                // the sender hung up, as it should
            }
        });
        server.createContext("/services/", exchange -> {
            calls.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS); // silent until the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        vertx = Vertx.vertx();
        OutboundRules rules = new OutboundRules(List.of("127.0.0.1"), List.of(), List.of(), List.of(), List.of(),
                Optional.of(List.of("http://127.0.0.1:")), Optional.of(List.of("127.0.0.0/8")), true);
        sender = new HttpChannelSender(vertx, rules, Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofMillis(500),
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        server.stop(0);
    }

    private DeliveryReport send(ChannelKind kind, String path, String secret) throws Exception {
        OutgoingMessage message = new OutgoingMessage("m-1", "firedrill.test", Instant.now(), "t", "x", List.of(), null,
                null);
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return sender.send(kind, new Destination(url, secret), message).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRedirectIsTheAnswer_notFollowed() throws Exception {
        DeliveryReport report = send(ChannelKind.SLACK, "/redirect", null);
        assertThat(report.status()).isEqualTo(302);
        assertThat(report.accepted()).isFalse();
        assertThat(calls).hasValue(1);
    }

    @Test
    void aLongAnswerIsCutAt16KiB() throws Exception {
        DeliveryReport report = send(ChannelKind.SLACK, "/long", null);
        assertThat(report.status()).isEqualTo(500);
        assertThat(report.detail().length()).isLessThan(400);
        assertThat(report.latency()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void silence_isReportedWithoutTheUrlsCredential() throws Exception {
        DeliveryReport report = send(ChannelKind.SLACK, PATH, null);
        assertThat(report.status()).isZero();
        assertThat(report.retryable()).isTrue();
        assertThat(report.detail()).contains("read timeout").doesNotContain("the-secret-token").doesNotContain(PATH);
    }

    @Test
    void aFailureOnThisSide_isReportedAtOnce_notAsATimeout() throws Exception {
        // a signed webhook whose secret is not Base64 cannot be signed
        DeliveryReport report = send(ChannelKind.WEBHOOK, "/hooks", "whsec_not base64!");
        assertThat(report.detail()).startsWith("The message could not be sent");
        assertThat(report.retryable()).isFalse();
        assertThat(report.latency()).isLessThan(Duration.ofSeconds(1));
        assertThat(calls).hasValue(0);
    }
}

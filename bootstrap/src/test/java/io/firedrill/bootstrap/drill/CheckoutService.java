package io.firedrill.bootstrap.drill;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real local HTTP service for drill tests: {@code GET /health} answers 200 with {@code {"status":"ok","lastWrite":...}}
 * while it is healthy, 503 while it is failing; {@code GET /slow} sends its headers and then stalls for 30 s. The tenant {@code gameday} may probe it (its prefix is configured when
 * the service starts, on a free port).
 */
public class CheckoutService implements QuarkusTestResourceLifecycleManager {

    static final AtomicBoolean HEALTHY = new AtomicBoolean(true);
    static final AtomicReference<Instant> LAST_WRITE = new AtomicReference<>(Instant.parse("2026-12-01T08:59:30Z"));
    static final AtomicInteger PROBES = new AtomicInteger();
    static volatile String url;
    private static final java.util.concurrent.CountDownLatch STOPPED = new java.util.concurrent.CountDownLatch(1);

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/health", exchange -> {
            PROBES.incrementAndGet();
            boolean healthy = HEALTHY.get();
            byte[] body = (healthy ? "{\"status\":\"ok\",\"lastWrite\":\"" + LAST_WRITE.get() + "\"}" : "{\"status\":\"down\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(healthy ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        // An answer that sends its headers and then stalls: a probe must give up on it within its timeout.
        server.createContext("/slow", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"status\":".getBytes(StandardCharsets.UTF_8));
                out.flush();
                // Stalls until the service stops (or 30 s): the probe's timeout must end the attempt long before.
                STOPPED.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException | IOException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        return Map.of("firedrill.drills.probe-url-prefixes.gameday", url);
    }

    @Override
    public void stop() {
        STOPPED.countDown();
        server.stop(0);
    }
}

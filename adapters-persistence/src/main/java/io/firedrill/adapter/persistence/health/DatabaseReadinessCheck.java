package io.firedrill.adapter.persistence.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the database, answered within a short timeout whatever the database does and however often
 * it is probed.
 *
 * <p>The check has its own one-connection pool, separate from the application's, so it never waits in the
 * shared pool's queue behind application traffic (an exhausted pool is exactly when a probe must still
 * answer). At most one probe query is in flight: callers that arrive while it runs share its answer, so a
 * probe storm costs the database one query at a time and can never fill a queue. A stopped database fails the probe at once (connection refused or closed); a hung one
 * fails it at the timeout. A probe query that has had no answer for longer than the replace-after time
 * (its connection stalled, or the server hung) gets its pool replaced by a fresh one, so a connection stuck
 * on a dead network path cannot keep readiness down while the database answers everyone else. Only the
 * age of the unanswered query decides that, never how many callers gave up on it.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "database";

    private final Vertx vertx;
    private final PgConnectOptions connectOptions;
    private final Duration timeout;
    private final long replaceAfterNanos;

    private Pool pool;
    private Probe probe;

    @Inject
    public DatabaseReadinessCheck(
            Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "firedrill.health.database.timeout-ms", defaultValue = "150") long timeoutMs,
            @ConfigProperty(name = "firedrill.health.database.connect-timeout-ms", defaultValue = "2000") int connectTimeoutMs,
            @ConfigProperty(name = "firedrill.health.database.replace-after-ms", defaultValue = "1000") long replaceAfterMs) {
        this.vertx = vertx;
        this.timeout = Duration.ofMillis(timeoutMs);
        // A query is given at least its own timeout before its connection is called stuck.
        this.replaceAfterNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(replaceAfterMs, timeoutMs));
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        options.setConnectTimeout(connectTimeoutMs);
        // A connection that sees no bytes for this long is closed, so a handshake stuck on a hung
        // server cannot linger; probes every few seconds keep a healthy connection open.
        options.setIdleTimeout(30).setIdleTimeoutUnit(TimeUnit.SECONDS);
        options.setReconnectAttempts(0);
        options.addProperty("application_name", "firedrill-readiness");
        this.connectOptions = options;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        Probe current = probe();
        // A copy: a caller that gives up must not cancel the answer the others share.
        return Uni.createFrom().completionStage(current.answer::copy)
                .ifNoItem().after(timeout)
                .failWith(() -> new TimeoutException("no answer within " + timeout.toMillis() + " ms"))
                .map(ignored -> HealthCheckResponse.up(NAME))
                .onFailure().recoverWithItem(DatabaseReadinessCheck::down);
    }

    @PreDestroy
    synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    private static HealthCheckResponse down(Throwable failure) {
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return HealthCheckResponse.named(NAME).down().withData("error", reason).build();
    }

    /** The probe whose answer this caller gets: the one in flight, or a new one. */
    private synchronized Probe probe() {
        long now = System.nanoTime();
        Probe current = probe;
        if (current != null) {
            if (!current.answer.isDone()) {
                if (now - current.startedAt < replaceAfterNanos) {
                    return current;
                }
                // No answer for too long: the connection (or its handshake) is stuck. Start afresh.
                if (pool == current.pool) {
                    pool = null;
                    current.pool.close();
                }
            }
        }
        Pool probed = pool();
        Probe started = new Probe(probed, now);
        probed.query("SELECT 1").execute().onComplete(result -> started.finish(result.failed() ? result.cause() : null));
        probe = started;
        return started;
    }

    private Pool pool() {
        if (pool == null) {
            pool = PgBuilder.pool()
                    // One query at a time is ever asked of this pool. No acquire timeout: the probe's own
                    // timeout bounds every answer, and Vert.x SQL client 4.5 logs a spurious "Result is
                    // already complete" for each query whose connect fails while an acquire timer runs
                    // (eclipse-vertx/vertx-sql-client#1706).
                    .with(new PoolOptions()
                            .setMaxSize(1)
                            .setMaxWaitQueueSize(1)
                            .setConnectionTimeout(0))
                    .connectingTo(connectOptions)
                    .using(vertx)
                    .build();
        }
        return pool;
    }

    /** One probe query: the pool it ran on, when it started, and its answer. */
    private static final class Probe {
        final Pool pool;
        final long startedAt;
        final CompletableFuture<Void> answer = new CompletableFuture<>();

        Probe(Pool pool, long startedAt) {
            this.pool = pool;
            this.startedAt = startedAt;
        }

        void finish(Throwable failure) {
            if (failure == null) {
                answer.complete(null);
            } else {
                answer.completeExceptionally(failure);
            }
        }
    }
}

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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the database, answered within a short timeout whatever the database does.
 *
 * <p>The check has its own one-connection pool, separate from the application's, so it never waits
 * in the shared pool's queue behind application traffic (an exhausted pool is exactly when a probe
 * must still answer). A stopped database fails the probe at once (connection refused or closed); a
 * hung one fails it at the timeout. When probes keep timing out for longer than the connect timeout,
 * the check's pool is replaced, so a connection stuck on a hung server cannot keep readiness down
 * after the database has come back.
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
    private long timingOutSince = -1;

    @Inject
    public DatabaseReadinessCheck(
            Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "firedrill.health.database.timeout-ms", defaultValue = "150") long timeoutMs,
            @ConfigProperty(name = "firedrill.health.database.connect-timeout-ms", defaultValue = "2000") int connectTimeoutMs) {
        this.vertx = vertx;
        this.timeout = Duration.ofMillis(timeoutMs);
        this.replaceAfterNanos = TimeUnit.MILLISECONDS.toNanos(connectTimeoutMs);
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
        Pool probed = pool();
        return Uni.createFrom().completionStage(() -> probed.query("SELECT 1").execute().toCompletionStage())
                .ifNoItem().after(timeout)
                .failWith(() -> new TimeoutException("no answer within " + timeout.toMillis() + " ms"))
                .map(ignored -> {
                    answered(probed);
                    return HealthCheckResponse.up(NAME);
                })
                .onFailure().recoverWithItem(failure -> down(probed, failure));
    }

    @PreDestroy
    synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    private HealthCheckResponse down(Pool probed, Throwable failure) {
        if (failure instanceof TimeoutException) {
            timedOut(probed);
        } else {
            answered(probed);
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return HealthCheckResponse.named(NAME).down().withData("error", reason).build();
    }

    private synchronized Pool pool() {
        if (pool == null) {
            pool = PgBuilder.pool()
                    // No acquire timeout: the probe's own timeout bounds every answer, and Vert.x SQL
                    // client 4.5 logs a spurious "Result is already complete" for each query whose
                    // connect fails while an acquire timer runs (eclipse-vertx/vertx-sql-client#1706).
                    .with(new PoolOptions()
                            .setMaxSize(1)
                            .setMaxWaitQueueSize(8)
                            .setConnectionTimeout(0))
                    .connectingTo(connectOptions)
                    .using(vertx)
                    .build();
        }
        return pool;
    }

    private synchronized void answered(Pool probed) {
        if (probed == pool) {
            timingOutSince = -1;
        }
    }

    private synchronized void timedOut(Pool probed) {
        if (probed != pool) {
            return;
        }
        long now = System.nanoTime();
        if (timingOutSince < 0) {
            timingOutSince = now;
        } else if (now - timingOutSince > replaceAfterNanos) {
            pool = null;
            timingOutSince = -1;
            probed.close();
        }
    }
}

package io.firedrill.adapter.persistence.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
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
 * <p>The check owns one dedicated connection, outside the shared pool, so it never waits in the
 * pool's queue behind application traffic (an exhausted pool is exactly when a probe must still
 * answer). A stopped database fails the probe at once (connection refused or closed); a hung one
 * fails it at the timeout. A failed or timed-out connection is dropped and the next probe connects
 * again, so readiness comes back as soon as the database does, without a restart.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "database";

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final Duration timeout;
    private final long giveUpConnectNanos;

    private PgConnection connection;
    private Future<PgConnection> connecting;
    private long connectingSince;

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
        this.giveUpConnectNanos = TimeUnit.MILLISECONDS.toNanos(connectTimeoutMs);
        PgConnectOptions o = PgConnectOptions.fromUri(url);
        username.ifPresent(o::setUser);
        password.ifPresent(o::setPassword);
        o.setConnectTimeout(connectTimeoutMs);
        // A connection that sees no bytes for this long is closed, so an attempt stuck in the
        // handshake with a hung server cannot leak; probes every few seconds keep a healthy one open.
        o.setIdleTimeout(30).setIdleTimeoutUnit(TimeUnit.SECONDS);
        o.setReconnectAttempts(0);
        o.setCachePreparedStatements(false);
        this.options = o;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().completionStage(() -> probe().toCompletionStage())
                .ifNoItem().after(timeout)
                .failWith(() -> new TimeoutException("no answer within " + timeout.toMillis() + " ms"))
                .map(ignored -> HealthCheckResponse.up(NAME))
                .onFailure().recoverWithItem(this::down);
    }

    private HealthCheckResponse down(Throwable failure) {
        if (failure instanceof TimeoutException) {
            dropConnection();
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return HealthCheckResponse.named(NAME).down().withData("error", reason).build();
    }

    private Future<Void> probe() {
        return connection().compose(c -> c.query("SELECT 1").execute()
                .<Void>mapEmpty()
                .onFailure(e -> forget(c)));
    }

    private synchronized Future<PgConnection> connection() {
        if (connection != null) {
            return Future.succeededFuture(connection);
        }
        long now = System.nanoTime();
        if (connecting == null || now - connectingSince > giveUpConnectNanos) {
            Future<PgConnection> attempt = PgConnection.connect(vertx, options);
            connecting = attempt;
            connectingSince = now;
            attempt.onComplete(result -> settle(attempt, result));
        }
        return connecting;
    }

    private synchronized void settle(Future<PgConnection> attempt, AsyncResult<PgConnection> result) {
        if (connecting == attempt) {
            connecting = null;
        }
        if (result.failed()) {
            return;
        }
        PgConnection c = result.result();
        if (connection == null) {
            connection = c;
            c.closeHandler(ignored -> forget(c));
        } else {
            c.close();
        }
    }

    private synchronized void forget(PgConnection c) {
        if (connection == c) {
            connection = null;
            c.close();
        }
    }

    private synchronized void dropConnection() {
        if (connection != null) {
            forget(connection);
        }
    }
}

package io.firedrill.adapter.persistence.pool;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the runtime pool with the limits Quarkus does not expose as properties: how many requests
 * may wait for a connection, how long one may wait, and how long opening a connection may take. With
 * these, a slow or absent database turns into prompt failures instead of an ever-growing queue. Every statement
 * run through the pool has a client-side deadline ({@link DeadlinePool}), so a database that accepts but never
 * answers fails statements too, and their connections are discarded.
 */
@Singleton
public class BoundedPgPoolCreator implements PgPoolCreator {

    private final int waitQueue;
    private final int acquireTimeoutMs;
    private final int connectTimeoutMs;
    private final Duration statementDeadline;
    private volatile PgConnectOptions connectOptions;
    private volatile Vertx vertx;

    public BoundedPgPoolCreator(
            @ConfigProperty(name = "firedrill.db.pool.wait-queue", defaultValue = "256") int waitQueue,
            @ConfigProperty(name = "firedrill.db.pool.acquire-timeout-ms", defaultValue = "5000") int acquireTimeoutMs,
            @ConfigProperty(name = "firedrill.db.connect-timeout-ms", defaultValue = "5000") int connectTimeoutMs,
            @ConfigProperty(name = "firedrill.db.statement-deadline", defaultValue = "5s") Duration statementDeadline) {
        if (statementDeadline.isNegative() || statementDeadline.isZero()) {
            throw new IllegalArgumentException("firedrill.db.statement-deadline must be positive, not " + statementDeadline);
        }
        this.waitQueue = waitQueue;
        this.acquireTimeoutMs = acquireTimeoutMs;
        this.connectTimeoutMs = connectTimeoutMs;
        this.statementDeadline = statementDeadline;
    }

    @Override
    public Pool create(Input input) {
        PoolTimerNoise.install();
        PoolOptions pool = input.poolOptions()
                .setMaxWaitQueueSize(waitQueue)
                .setConnectionTimeout(acquireTimeoutMs)
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setConnectTimeout(connectTimeoutMs);
            PlanPerCall.configure(options);
        }
        connectOptions = new PgConnectOptions(input.pgConnectOptionsList().getFirst());
        vertx = input.vertx();
        Pool bounded = PgBuilder.pool()
                .with(pool)
                .connectingTo(List.<SqlConnectOptions>copyOf(input.pgConnectOptionsList()))
                .using(input.vertx())
                .build();
        return new DeadlinePool(bounded, input.vertx(), statementDeadline, acquireTimeoutMs);
    }

    /** The options the pool connects with (to its first server), once the pool is created; for connections of its own. */
    public PgConnectOptions connectOptions() {
        if (connectOptions == null) {
            throw new IllegalStateException("the pool has not been created yet");
        }
        return new PgConnectOptions(connectOptions);
    }

    /** The Vert.x instance the pool runs on, once it is created. */
    public Vertx vertx() {
        return vertx;
    }
}

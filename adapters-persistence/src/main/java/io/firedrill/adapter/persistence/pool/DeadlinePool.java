package io.firedrill.adapter.persistence.pool;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.core.Context;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.PreparedStatement;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.impl.SocketConnectionBase;
import io.vertx.sqlclient.impl.SqlConnectionInternal;
import io.vertx.sqlclient.spi.DatabaseMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collector;
import org.jboss.logging.Logger;

/**
 * The runtime pool with a client-side deadline on every statement: a query, a batch, a prepare, a cursor fetch,
 * a begin, commit or rollback that the database has not answered within the deadline fails with
 * {@link StatementDeadlineExceeded}, and the connection it ran on is closed at the socket, so the pool drops it
 * instead of lending a connection that still waits for an answer to the next caller.
 *
 * <p>Vert.x SQL client 4.5 has no statement timeout of its own, and the server's {@code statement_timeout} cannot
 * help when the server itself does not answer (frozen, or cut off by the network). Every adapter, request or
 * background processor, gets this pool, so the deadline holds everywhere without touching a call site. Statements
 * that go through the pool (not a leased connection) are run on a connection leased for that statement, as the
 * Vert.x pool does itself, so the one that hangs can be discarded.
 */
@SuppressWarnings("deprecation") // Quarkus 3.32 casts the pool a PgPoolCreator returns to PgPool
final class DeadlinePool implements PgPool {

    private static final Logger LOG = Logger.getLogger(DeadlinePool.class);
    /** The longest a caller waits, after its deadline, for the discarded connection's socket to close. */
    private static final long DISCARD_WAIT_MS = 500;

    private final Pool pool;
    private final Vertx vertx;
    /** Leases of connections discarded after a deadline: never returned to the pool (see {@link #discard}). */
    private final Set<SqlConnection> dropped = ConcurrentHashMap.newKeySet();
    private final Duration deadline;
    private final long acquireTimeoutMs;
    private final Runner onLeasedConnection = new Runner() {
        @Override
        public <T> Future<T> run(Function<SqlConnection, Future<T>> work) {
            return acquire().compose(connection -> guard(connection, work.apply(connection))
                    .eventually(() -> release(connection)));
        }
    };

    DeadlinePool(Pool pool, Vertx vertx, Duration deadline, long acquireTimeoutMs) {
        this.pool = pool;
        this.acquireTimeoutMs = acquireTimeoutMs;
        this.vertx = vertx;
        this.deadline = deadline;
    }

    /**
     * Runs a statement's future against the deadline. Past it, the connection is discarded and the result fails with
     * {@link StatementDeadlineExceeded} once the socket is closed (at most {@value #DISCARD_WAIT_MS} ms later), never
     * with the closed connection's own error.
     */
    private <T> Future<T> guard(SqlConnection connection, Future<T> work) {
        if (work.isComplete()) {
            return work;
        }
        Promise<T> result = Promise.promise();
        AtomicBoolean expired = new AtomicBoolean();
        long timer = vertx.setTimer(deadline.toMillis(), fired -> {
            if (!work.isComplete() && expired.compareAndSet(false, true)) {
                discard(connection).onComplete(gone -> result.tryFail(new StatementDeadlineExceeded(deadline)));
            }
        });
        work.onComplete(outcome -> {
            vertx.cancelTimer(timer);
            if (expired.get()) {
                return;
            }
            if (outcome.succeeded()) {
                result.tryComplete(outcome.result());
            } else {
                result.tryFail(outcome.cause());
            }
        });
        return result.future();
    }

    /**
     * Closes the connection's socket and forgets its lease: the pool drops a connection whose socket has closed,
     * so closing the lease too would only give the pool back a connection it may lend again before it learns the
     * socket is gone. Closing the pooled connection instead would return it to the pool, and a graceful close
     * would queue a Terminate message behind the statement nobody answers. Completes on the connection's event
     * loop after the close, or after {@value #DISCARD_WAIT_MS} ms.
     */
    private Future<Void> discard(SqlConnection connection) {
        if (connection instanceof SqlConnectionInternal internal
                && internal.unwrap().unwrap() instanceof SocketConnectionBase socket) {
            dropped.add(connection);
            Promise<Void> gone = Promise.promise();
            // The channel itself: Vert.x's socket close first flushes what is queued for a server that reads nothing.
            socket.socket().channelHandlerContext().channel().close()
                    .addListener(closed -> socket.context().runOnContext(next -> gone.tryComplete()));
            vertx.setTimer(DISCARD_WAIT_MS, late -> gone.tryComplete());
            return gone.future();
        }
        LOG.warnf("Cannot reach the socket of a %s to discard it; its lease goes back to the pool",
                connection.getClass().getName());
        return Future.succeededFuture();
    }

    /** Returns a lease to the pool, unless its connection was discarded. */
    private Future<Void> release(SqlConnection connection) {
        return dropped.remove(connection) ? Future.succeededFuture() : connection.close();
    }

    private interface Runner {
        <T> Future<T> run(Function<SqlConnection, Future<T>> work);
    }

    @Override
    public void getConnection(Handler<AsyncResult<SqlConnection>> handler) {
        getConnection().onComplete(handler);
    }

    @Override
    public Future<SqlConnection> getConnection() {
        return acquire().map(DeadlineConnection::new);
    }

    /** A pooled connection; the pool's own acquire timeout ends as a {@link ConnectionWaitTimedOut}. */
    private Future<SqlConnection> acquire() {
        return pool.getConnection().recover(failure -> Future.failedFuture(
                failure instanceof NoStackTraceThrowable && "Timeout".equals(failure.getMessage())
                        ? new ConnectionWaitTimedOut(acquireTimeoutMs)
                        : failure));
    }

    @Override
    public Query<RowSet<Row>> query(String sql) {
        return new DeadlineQuery<>(connection -> connection.query(sql), onLeasedConnection);
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
        return new DeadlinePreparedQuery<>(connection -> connection.preparedQuery(sql), onLeasedConnection);
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
        return new DeadlinePreparedQuery<>(connection -> connection.preparedQuery(sql, options), onLeasedConnection);
    }

    @Override
    public void close(Handler<AsyncResult<Void>> handler) {
        pool.close(handler);
    }

    @Override
    public Future<Void> close() {
        return pool.close();
    }

    @Override
    public PgPool connectHandler(Handler<SqlConnection> handler) {
        pool.connectHandler(handler);
        return this;
    }

    @Override
    public PgPool connectionProvider(Function<Context, Future<SqlConnection>> provider) {
        pool.connectionProvider(provider);
        return this;
    }

    @Override
    public int size() {
        return pool.size();
    }

    private class DeadlineQuery<T> implements Query<T> {

        final Function<SqlConnection, ? extends Query<T>> make;
        final Runner runner;

        DeadlineQuery(Function<SqlConnection, ? extends Query<T>> make, Runner runner) {
            this.make = make;
            this.runner = runner;
        }

        @Override
        public void execute(Handler<AsyncResult<T>> handler) {
            execute().onComplete(handler);
        }

        @Override
        public Future<T> execute() {
            return runner.run(connection -> make.apply(connection).execute());
        }

        @Override
        public <R> Query<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
            return new DeadlineQuery<>(connection -> make.apply(connection).collecting(collector), runner);
        }

        @Override
        public <U> Query<RowSet<U>> mapping(Function<Row, U> mapper) {
            return new DeadlineQuery<>(connection -> make.apply(connection).mapping(mapper), runner);
        }
    }

    private final class DeadlinePreparedQuery<T> extends DeadlineQuery<T> implements PreparedQuery<T> {

        private final Function<SqlConnection, PreparedQuery<T>> prepared;

        DeadlinePreparedQuery(Function<SqlConnection, PreparedQuery<T>> make, Runner runner) {
            super(make, runner);
            this.prepared = make;
        }

        @Override
        public void execute(Tuple tuple, Handler<AsyncResult<T>> handler) {
            execute(tuple).onComplete(handler);
        }

        @Override
        public Future<T> execute(Tuple tuple) {
            return runner.run(connection -> prepared.apply(connection).execute(tuple));
        }

        @Override
        public void executeBatch(List<Tuple> batch, Handler<AsyncResult<T>> handler) {
            executeBatch(batch).onComplete(handler);
        }

        @Override
        public Future<T> executeBatch(List<Tuple> batch) {
            return runner.run(connection -> prepared.apply(connection).executeBatch(batch));
        }

        @Override
        public <R> PreparedQuery<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
            return new DeadlinePreparedQuery<>(connection -> prepared.apply(connection).collecting(collector), runner);
        }

        @Override
        public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
            return new DeadlinePreparedQuery<>(connection -> prepared.apply(connection).mapping(mapper), runner);
        }
    }

    /** A leased connection whose statements each have the deadline; past it, this connection is discarded. */
    private final class DeadlineConnection implements SqlConnection {

        private final SqlConnection connection;
        private final Runner onThisConnection = new Runner() {
            @Override
            public <T> Future<T> run(Function<SqlConnection, Future<T>> work) {
                return guard(connection, work.apply(connection));
            }
        };

        DeadlineConnection(SqlConnection connection) {
            this.connection = connection;
        }

        @Override
        public Query<RowSet<Row>> query(String sql) {
            return new DeadlineQuery<>(c -> c.query(sql), onThisConnection);
        }

        @Override
        public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
            return new DeadlinePreparedQuery<>(c -> c.preparedQuery(sql), onThisConnection);
        }

        @Override
        public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
            return new DeadlinePreparedQuery<>(c -> c.preparedQuery(sql, options), onThisConnection);
        }

        @Override
        public SqlConnection prepare(String sql, Handler<AsyncResult<PreparedStatement>> handler) {
            prepare(sql).onComplete(handler);
            return this;
        }

        @Override
        public Future<PreparedStatement> prepare(String sql) {
            return guard(connection, connection.prepare(sql)).map(DeadlineStatement::new);
        }

        @Override
        public SqlConnection prepare(String sql, PrepareOptions options, Handler<AsyncResult<PreparedStatement>> handler) {
            prepare(sql, options).onComplete(handler);
            return this;
        }

        @Override
        public Future<PreparedStatement> prepare(String sql, PrepareOptions options) {
            return guard(connection, connection.prepare(sql, options)).map(DeadlineStatement::new);
        }

        @Override
        public SqlConnection exceptionHandler(Handler<Throwable> handler) {
            connection.exceptionHandler(handler);
            return this;
        }

        @Override
        public SqlConnection closeHandler(Handler<Void> handler) {
            connection.closeHandler(handler);
            return this;
        }

        @Override
        public void begin(Handler<AsyncResult<Transaction>> handler) {
            begin().onComplete(handler);
        }

        @Override
        public Future<Transaction> begin() {
            return guard(connection, connection.begin()).map(DeadlineTransaction::new);
        }

        @Override
        public Transaction transaction() {
            Transaction transaction = connection.transaction();
            return transaction == null ? null : new DeadlineTransaction(transaction);
        }

        @Override
        public boolean isSSL() {
            return connection.isSSL();
        }

        @Override
        public void close(Handler<AsyncResult<Void>> handler) {
            close().onComplete(handler);
        }

        @Override
        public Future<Void> close() {
            return release(connection);
        }

        @Override
        public DatabaseMetadata databaseMetadata() {
            return connection.databaseMetadata();
        }

        private final class DeadlineStatement implements PreparedStatement {

            private final PreparedStatement statement;

            DeadlineStatement(PreparedStatement statement) {
                this.statement = statement;
            }

            @Override
            public PreparedQuery<RowSet<Row>> query() {
                return new DeadlinePreparedQuery<>(c -> statement.query(), onThisConnection);
            }

            @Override
            public Cursor cursor(Tuple arguments) {
                return new DeadlineCursor(statement.cursor(arguments));
            }

            /** Not used by Firedrill; a stream's fetches are not under the deadline. */
            @Override
            public RowStream<Row> createStream(int fetch, Tuple arguments) {
                return statement.createStream(fetch, arguments);
            }

            @Override
            public Future<Void> close() {
                return guard(connection, statement.close());
            }

            @Override
            public void close(Handler<AsyncResult<Void>> handler) {
                close().onComplete(handler);
            }
        }

        private final class DeadlineCursor implements Cursor {

            private final Cursor cursor;

            DeadlineCursor(Cursor cursor) {
                this.cursor = cursor;
            }

            @Override
            public void read(int count, Handler<AsyncResult<RowSet<Row>>> handler) {
                read(count).onComplete(handler);
            }

            @Override
            public Future<RowSet<Row>> read(int count) {
                return guard(connection, cursor.read(count));
            }

            @Override
            public boolean hasMore() {
                return cursor.hasMore();
            }

            @Override
            public Future<Void> close() {
                return guard(connection, cursor.close());
            }

            @Override
            public void close(Handler<AsyncResult<Void>> handler) {
                close().onComplete(handler);
            }

            @Override
            public boolean isClosed() {
                return cursor.isClosed();
            }
        }

        private final class DeadlineTransaction implements Transaction {

            private final Transaction transaction;

            DeadlineTransaction(Transaction transaction) {
                this.transaction = transaction;
            }

            @Override
            public Future<Void> commit() {
                return guard(connection, transaction.commit());
            }

            @Override
            public void commit(Handler<AsyncResult<Void>> handler) {
                commit().onComplete(handler);
            }

            @Override
            public Future<Void> rollback() {
                return guard(connection, transaction.rollback());
            }

            @Override
            public void rollback(Handler<AsyncResult<Void>> handler) {
                rollback().onComplete(handler);
            }

            @Override
            public void completion(Handler<AsyncResult<Void>> handler) {
                transaction.completion(handler);
            }

            @Override
            public Future<Void> completion() {
                return transaction.completion();
            }
        }
    }
}

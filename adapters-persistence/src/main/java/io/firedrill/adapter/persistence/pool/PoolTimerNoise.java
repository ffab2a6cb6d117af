package io.firedrill.adapter.persistence.pool;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Drops one known false alarm of the Vert.x SQL client 4.5 (eclipse-vertx/vertx-sql-client#1706): when a query's
 * connect fails before the pool's acquire timeout, the timeout's timer is not cancelled and later fails the
 * already failed query again, which throws {@code IllegalStateException: Result is already complete} into Vert.x,
 * logged as an uncaught ERROR with a stack trace, once per failed query. The query itself has failed correctly and
 * its caller was answered; nothing else is wrong. Only that exception thrown from the pool's own code is dropped;
 * every other record of the logger passes through (to its previous filter, if any).
 */
final class PoolTimerNoise implements Filter {

    /** Where Quarkus logs what a Vert.x handler throws. */
    static final String UNCAUGHT_LOGGER = "io.quarkus.vertx.core.runtime.VertxCoreRecorder";
    private static final String POOL = "io.vertx.sqlclient.impl.pool.SqlConnectionPool";
    private static final String MESSAGE = "Result is already complete";

    private final Filter next;

    private PoolTimerNoise(Filter next) {
        this.next = next;
    }

    /** Installs the filter on the logger of uncaught Vert.x errors, once. */
    static synchronized void install() {
        Logger logger = Logger.getLogger(UNCAUGHT_LOGGER);
        if (!(logger.getFilter() instanceof PoolTimerNoise)) {
            logger.setFilter(new PoolTimerNoise(logger.getFilter()));
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (isTimerNoise(record.getThrown())) {
            return false;
        }
        return next == null || next.isLoggable(record);
    }

    static boolean isTimerNoise(Throwable thrown) {
        if (!(thrown instanceof IllegalStateException) || !MESSAGE.equals(thrown.getMessage())) {
            return false;
        }
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getClassName().startsWith(POOL)) {
                return true;
            }
        }
        return false;
    }
}

package io.firedrill.bootstrap.axon;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.firedrill.application.port.in.Unavailable;
import io.firedrill.application.port.in.admin.ProjectionAdmin.Kind;
import io.firedrill.application.slice.StoredEvents;
import io.firedrill.domain.shared.RuleViolation;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.time.DateTimeException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.axonframework.conversion.ConversionException;

/**
 * Whether an event processor's failure to apply an event is permanent (the same event will fail the same way until
 * someone changes the data, the code or the schema: it is parked) or a fault that passes (the processor retries the
 * event, as it always did).
 *
 * <p>Permanent: PostgreSQL data exceptions (SQLSTATE class 22, e.g. 22008 date out of range) and integrity
 * violations (class 23, e.g. a CHECK constraint); an event that cannot be read or converted (Axon's
 * {@link ConversionException}, Jackson); in a read model only, a rule violation of the domain; and
 * {@link IllegalArgumentException}, {@link IllegalStateException}, {@link DateTimeException} or
 * {@link ArithmeticException} thrown by Firedrill's own code or the JDK (not by a client library, where they can mean
 * a closed pool).
 *
 * <p>A {@link RuleViolation} in an automation is transient: there it is a command refused by its incident, which
 * changed between the automation's read and the command (alert grouping: the incident was closed meanwhile). The
 * automation relies on handling the event again, when its read sees the change; parking it instead would hold every
 * later event of the subject (all deliveries of an integration) behind it. A read model sends no commands, so a rule
 * violation there comes from its own data and fails the same way every time.
 *
 * <p>Transient, checked first along the whole cause chain: {@link Unavailable}, a stored event at a version this
 * instance cannot read yet ({@link StoredEvents.UnreadableVersion}: a newer instance wrote it during a rolling
 * upgrade; once upgraded, this one reads it), a refused or lost connection, a
 * full pool, any timeout, a cancelled future ({@link CancellationException}, an {@link IllegalStateException} of the
 * JDK) and an executor that refused the work ({@link RejectedExecutionException}: it is shutting down or full), and PostgreSQL classes 08 (connection), 40 (rollback: serialization failure, deadlock),
 * 53 (insufficient resources), 57 (operator intervention: canceled statement, shutdown), 58 (system error),
 * XX (internal error) and 55P03 (lock not available). Everything not named here is transient too: an unknown
 * failure keeps the processor retrying rather than parking events that may apply in a minute.
 */
final class ProjectionFailures {

    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58", "XX");
    private static final Set<String> PERMANENT_CLASSES = Set.of("22", "23");

    private ProjectionFailures() {
    }

    /** Whether {@code failure} is permanent for the event that caused it, in a processor of {@code kind}. */
    static boolean permanent(Throwable failure, Kind kind) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
            if (transientCause(cause)) {
                return false;
            }
        }
        seen.clear();
        for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
            if (permanentCause(cause) && (kind == Kind.READ_MODEL || !(cause instanceof RuleViolation))) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause worth showing an operator: the SQL error, the conversion error, the broken rule. */
    static Throwable reason(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
            if (permanentCause(cause)) {
                return cause;
            }
        }
        Throwable last = failure;
        seen.clear();
        for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
            last = cause;
        }
        return last;
    }

    /**
     * The message to store: the PostgreSQL message with its SQLSTATE, or the exception's message. Never
     * PostgreSQL's detail, which repeats the failing row (a tenant's incident data) in logs and the admin API.
     */
    static String message(Throwable reason) {
        String text;
        if (reason instanceof PgException pg) {
            text = pg.getErrorMessage() + " (SQLSTATE " + pg.getSqlState() + ")";
        } else {
            text = String.valueOf(reason.getMessage());
        }
        // PostgreSQL text cannot hold NUL; other control characters would only garble a log or a console.
        return text.replaceAll("\\p{Cntrl}", " ");
    }

    private static boolean transientCause(Throwable cause) {
        if (cause instanceof Unavailable || cause instanceof StoredEvents.UnreadableVersion
                || cause instanceof CancellationException || cause instanceof RejectedExecutionException
                || cause instanceof ConnectException
                || cause instanceof ConnectionPoolTooBusyException || cause instanceof TimeoutException
                || cause.getClass().getSimpleName().contains("Timeout")
                || cause.getClass().getName().equals("io.vertx.sqlclient.ClosedConnectionException")) {
            return true;
        }
        if (cause instanceof PgException pg && pg.getSqlState() != null) {
            String state = pg.getSqlState();
            return state.equals("55P03") || (state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2)));
        }
        return false;
    }

    private static boolean permanentCause(Throwable cause) {
        if (cause instanceof PgException pg) {
            String state = pg.getSqlState();
            return state != null && state.length() >= 2 && PERMANENT_CLASSES.contains(state.substring(0, 2));
        }
        if (cause instanceof ConversionException || cause instanceof JsonProcessingException
                || cause instanceof RuleViolation) {
            return true;
        }
        if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException
                || cause instanceof DateTimeException || cause instanceof ArithmeticException) {
            return thrownByFiredrillOrTheJdk(cause);
        }
        return false;
    }

    private static boolean thrownByFiredrillOrTheJdk(Throwable cause) {
        StackTraceElement[] trace = cause.getStackTrace();
        if (trace.length == 0) {
            return false;
        }
        String thrower = trace[0].getClassName();
        return thrower.startsWith("io.firedrill.") || thrower.startsWith("java.");
    }
}

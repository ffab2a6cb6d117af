package io.firedrill.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.adapter.rest.problem.ProblemMappers;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.Response;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * How the API answers the failures the PostgreSQL client reports while the database restarts or drops connections
 * (found by the reliability suite's pg-kill scenario, docs/reliability.md): faults are 503 with Retry-After, and a
 * bug in a statement stays a 500.
 */
class DatabaseFaultAnswersTest {

    @Test
    void aDatabaseStartingUpIs503WithRetryAfter() {
        assertUnavailable(new PgException("the database system is starting up", "FATAL", "57P03", null));
        assertUnavailable(new PgException("the database system is not yet accepting connections", "FATAL", "57P03", null));
        assertUnavailable(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null));
    }

    @Test
    void aStatementCancelledByItsTimeoutOrADeadlockIs503() {
        assertUnavailable(new PgException("canceling statement due to statement timeout", "ERROR", "57014", null));
        assertUnavailable(new PgException("deadlock detected", "ERROR", "40P01", null));
        assertUnavailable(new PgException("too many connections for role", "FATAL", "53300", null));
    }

    @Test
    void aConnectionClosedUnderAQueuedStatementIs503_evenWrapped() {
        assertUnavailable(new CompletionException(new NoStackTraceThrowable("Connection is not active now, current status: CLOSED")));
        assertUnavailable(new CompletionException(new SocketException("Connection reset")));
        // What NIO throws when PostgreSQL is killed under a write (the reliability suite's pg-kill scenario).
        assertUnavailable(new CompletionException(new java.io.IOException("Broken pipe")));
        assertUnavailable(new java.io.IOException("Connection reset by peer"));
    }

    @Test
    void noPooledConnectionWithinTheAcquireTimeoutIs503() {
        assertUnavailable(new VertxException("Timeout waiting for connection", true));
    }

    @Test
    void aDataOrSyntaxErrorStaysA500() {
        assertThat(ProblemMappers.toResponse(new java.io.IOException("disk full")).getStatus()).isEqualTo(500);
        assertThat(ProblemMappers.toResponse(new PgException("date/time field value out of range", "ERROR", "22008", null))
                .getStatus()).isEqualTo(500);
        assertThat(ProblemMappers.toResponse(new PgException("syntax error", "ERROR", "42601", null)).getStatus()).isEqualTo(500);
        assertThat(ProblemMappers.toResponse(new NoStackTraceThrowable("something else")).getStatus()).isEqualTo(500);
        assertThat(ProblemMappers.toResponse(new VertxException("something else")).getStatus()).isEqualTo(500);
    }

    private static void assertUnavailable(Throwable failure) {
        Response response = ProblemMappers.toResponse(failure);
        assertThat(response.getStatus()).as(failure.toString()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isNotBlank();
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
    }
}

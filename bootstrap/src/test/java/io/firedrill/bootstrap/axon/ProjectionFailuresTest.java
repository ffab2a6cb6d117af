package io.firedrill.bootstrap.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.application.port.in.Unavailable;
import io.firedrill.application.port.in.admin.ProjectionAdmin.Kind;
import io.firedrill.application.slice.StoredEvents;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentRuleViolation;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.shared.RuleViolation;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which failures park an event (permanent) and which keep the processor retrying it (transient). */
class ProjectionFailuresTest {

    @ParameterizedTest
    @ValueSource(strings = {"22008", "22P02", "23514", "23505", "23502"})
    void dataAndIntegrityErrorsArePermanent(String sqlState) {
        assertThat(permanent(new CompletionException(pg(sqlState)))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"08006", "40001", "40P01", "53300", "57014", "57P01", "55P03", "XX000", "42P01"})
    void connectionRollbackResourceOperatorLockAndUnknownErrorsAreTransient(String sqlState) {
        assertThat(permanent(new CompletionException(pg(sqlState)))).isFalse();
    }

    @Test
    void faultsAreTransientEvenWhenWrappedInAnIllegalState() {
        assertThat(permanent(new Unavailable("queue full", 1))).isFalse();
        assertThat(permanent(new ConnectException("refused"))).isFalse();
        assertThat(permanent(new ConnectionPoolTooBusyException("busy"))).isFalse();
        assertThat(permanent(new CompletionException(new TimeoutException()))).isFalse();
        assertThat(permanent(new IllegalStateException("wrapped", new ConnectException("refused"))))
                .isFalse();
        assertThat(permanent(new StoredEvents.UnreadableVersion("incident.X version 9"))).isFalse();
    }

    @Test
    void errorsOfFiredrillOrTheJdkArePermanent_thoseOfClientLibrariesAreNot() {
        assertThat(permanent(catchFrom(() -> UUID.fromString("not a uuid")))).isTrue();
        assertThat(permanent(new IllegalStateException("from Firedrill's projection code"))).isTrue();
        IllegalStateException fromALibrary = new IllegalStateException("Pool closed");
        fromALibrary.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("io.vertx.sqlclient.impl.PoolBase", "getConnection", "PoolBase.java", 1)});
        assertThat(permanent(fromALibrary)).isFalse();
        assertThat(permanent(new RuntimeException("anything else"))).isFalse();
    }

    @Test
    void aRuleViolationIsPermanentInAReadModel_butTransientInAnAutomation_whereItIsARefusedCommandAfterARace() {
        RuleViolation refused = IncidentRuleViolation.alertNeedsOpenIncident(new IncidentId(UUID.randomUUID()), IncidentStatus.RECOVERED, "fp-1");

        assertThat(ProjectionFailures.permanent(new CompletionException(refused), Kind.READ_MODEL)).isTrue();
        assertThat(ProjectionFailures.permanent(new CompletionException(refused), Kind.AUTOMATION)).isFalse();
    }

    @Test
    void aCancelledFutureAndARefusedExecutionAreTransient() {
        assertThat(permanent(new CancellationException())).isFalse();
        assertThat(permanent(new CompletionException(new CancellationException("cancelled")))).isFalse();
        assertThat(permanent(new RejectedExecutionException("executor is shutting down"))).isFalse();
        assertThat(permanent(catchFrom(() -> {
            CompletableFuture<Void> cancelled = new CompletableFuture<>();
            cancelled.cancel(false);
            cancelled.join();
        }))).isFalse();
    }

    @Test
    void theStoredMessageNamesTheSqlStateButNotTheFailingRow() {
        PgException pg = new PgException("new row violates check constraint \"c\"", "ERROR", "23514",
                "Failing row contains (secret incident title)");
        assertThat(ProjectionFailures.message(ProjectionFailures.reason(new CompletionException(pg))))
                .isEqualTo("new row violates check constraint \"c\" (SQLSTATE 23514)");
    }

    private static boolean permanent(Throwable failure) {
        return ProjectionFailures.permanent(failure, Kind.READ_MODEL);
    }

    private static PgException pg(String sqlState) {
        return new PgException("failure " + sqlState, "ERROR", sqlState, null);
    }

    private static RuntimeException catchFrom(Runnable code) {
        try {
            code.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("no exception");
    }
}

package io.firedrill.domain.incident;

import static io.firedrill.domain.incident.IncidentFixtures.BOB;
import static io.firedrill.domain.incident.IncidentFixtures.ID;
import static io.firedrill.domain.incident.IncidentFixtures.T0;
import static io.firedrill.domain.incident.IncidentFixtures.acknowledged;
import static io.firedrill.domain.incident.IncidentFixtures.closedAsDuplicate;
import static io.firedrill.domain.incident.IncidentFixtures.declared;
import static io.firedrill.domain.incident.IncidentFixtures.reopened;
import static io.firedrill.domain.incident.IncidentFixtures.resolved;
import static io.firedrill.domain.incident.IncidentFixtures.t;
import static io.firedrill.domain.incident.TargetStatus.MET;
import static io.firedrill.domain.incident.TargetStatus.MISSED;
import static io.firedrill.domain.incident.TargetStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.incident.IncidentEvent.SeverityEscalated;
import io.firedrill.domain.incident.ResponseTargets.Target;
import io.firedrill.domain.shared.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseTargetsTest {

    private static Incident incident(IncidentEvent... events) {
        return IncidentDecider.fold(List.of(events));
    }

    private static TargetEvaluation evaluate(Instant now, IncidentEvent... events) {
        return ResponseTargets.DEFAULTS.evaluate(incident(events), now);
    }

    @ParameterizedTest
    @CsvSource({"P0, PT5M, PT1H", "P1, PT15M, PT4H", "P2, PT30M, PT24H", "P3, PT4H, P7D"})
    void givenDefaults_whenAskingATarget_thenTheAgreedDurations(Severity severity, Duration ack, Duration resolve) {
        assertThat(ResponseTargets.DEFAULTS.target(severity)).isEqualTo(new Target(ack, resolve));
    }

    @ParameterizedTest
    @CsvSource({"P0, 5", "P1, 15", "P2, 30", "P3, 240"})
    void givenSeverity_whenEvaluating_thenDeadlinesCountFromDetection(Severity severity, long ackMinutes) {
        TargetEvaluation evaluation = evaluate(T0, declared(severity, T0));

        assertThat(evaluation.acknowledgeDeadline()).isEqualTo(t(ackMinutes));
        assertThat(evaluation.resolveDeadline())
                .isEqualTo(T0.plus(ResponseTargets.DEFAULTS.target(severity).resolve()));
    }

    @Test
    void givenP1AcknowledgedExactlyAtTheDeadline_whenEvaluating_thenMet() {
        assertThat(evaluate(t(60), declared(T0), acknowledged(t(15))).acknowledge()).isEqualTo(MET);
    }

    @Test
    void givenP1AcknowledgedAfterTheDeadline_whenEvaluating_thenMissed() {
        assertThat(evaluate(t(60), declared(T0), acknowledged(t(16))).acknowledge()).isEqualTo(MISSED);
    }

    @Test
    void givenP1Unacknowledged_whenEvaluatingBeforeAndAtTheDeadline_thenRunning() {
        assertThat(evaluate(t(10), declared(T0)).acknowledge()).isEqualTo(RUNNING);
        assertThat(evaluate(t(15), declared(T0)).acknowledge()).isEqualTo(RUNNING);
    }

    @Test
    void givenP1Unacknowledged_whenEvaluatingAfterTheDeadline_thenMissed() {
        assertThat(evaluate(t(16), declared(T0)).acknowledge()).isEqualTo(MISSED);
    }

    @Test
    void givenP1ResolvedWithinFourHours_whenEvaluating_thenResolveMet() {
        TargetEvaluation evaluation = evaluate(t(24 * 60), declared(T0), acknowledged(t(1)), resolved(t(240)));

        assertThat(evaluation.resolve()).isEqualTo(MET);
        assertThat(evaluation.resolveDeadline()).isEqualTo(t(240));
    }

    @Test
    void givenP1ResolvedLate_whenEvaluating_thenResolveMissed() {
        assertThat(evaluate(t(24 * 60), declared(T0), acknowledged(t(1)), resolved(t(241))).resolve())
                .isEqualTo(MISSED);
    }

    @Test
    void givenP1Unresolved_whenEvaluating_thenResolveRunningThenMissed() {
        assertThat(evaluate(t(100), declared(T0), acknowledged(t(1))).resolve()).isEqualTo(RUNNING);
        assertThat(evaluate(t(241), declared(T0), acknowledged(t(1))).resolve()).isEqualTo(MISSED);
    }

    @Test
    void givenEscalatedToP0_whenEvaluating_thenTheCurrentSeverityCounts() {
        TargetEvaluation evaluation = evaluate(t(10), declared(T0),
                new SeverityEscalated(ID, BOB, Severity.P1, Severity.P0, "worse", t(2), t(2)));

        assertThat(evaluation.acknowledgeDeadline()).isEqualTo(t(5));
        assertThat(evaluation.acknowledge()).isEqualTo(MISSED);
    }

    @Test
    void givenReopened_whenEvaluating_thenResolveRunsAgainstTheOriginalDeadline() {
        IncidentEvent[] history = {declared(T0), acknowledged(t(1)), resolved(t(30)), reopened(t(60))};

        assertThat(evaluate(t(100), history).resolve()).isEqualTo(RUNNING);
        assertThat(evaluate(t(300), history).resolve()).isEqualTo(MISSED);
    }

    @Test
    void givenDuplicateClosedBeforeTheDeadlines_whenEvaluatingLater_thenMet() {
        TargetEvaluation evaluation = evaluate(t(24 * 60), declared(T0), closedAsDuplicate(t(3)));

        assertThat(evaluation.acknowledge()).isEqualTo(MET);
        assertThat(evaluation.resolve()).isEqualTo(MET);
    }

    @Test
    void givenDuplicateClosedAfterTheAcknowledgeDeadline_whenEvaluating_thenAcknowledgeMissedResolveMet() {
        TargetEvaluation evaluation = evaluate(t(24 * 60), declared(T0), closedAsDuplicate(t(20)));

        assertThat(evaluation.acknowledge()).isEqualTo(MISSED);
        assertThat(evaluation.resolve()).isEqualTo(MET);
    }

    @Test
    void givenCustomTargets_whenEvaluating_thenTheyApply() {
        Map<Severity, Target> custom = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            custom.put(severity, new Target(Duration.ofMinutes(1), Duration.ofMinutes(10)));
        }
        ResponseTargets targets = ResponseTargets.of(custom);

        TargetEvaluation evaluation = targets.evaluate(incident(declared(T0), acknowledged(t(2))), t(5));

        assertThat(evaluation).isEqualTo(new TargetEvaluation(MISSED, t(1), RUNNING, t(10)));
    }

    @Test
    void givenTargetsMissingASeverity_whenCreating_thenRefused() {
        assertThatThrownBy(() -> ResponseTargets.of(Map.of(Severity.P0, new Target(Duration.ofMinutes(1),
                Duration.ofMinutes(2))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("targets");
    }

    @Test
    void givenNonPositiveOrInvertedDurations_whenCreatingATarget_thenRefused() {
        assertThatThrownBy(() -> new Target(Duration.ZERO, Duration.ofMinutes(2)))
                .hasMessageStartingWith("acknowledge");
        assertThatThrownBy(() -> new Target(Duration.ofMinutes(5), Duration.ofMinutes(2)))
                .hasMessageStartingWith("resolve");
    }

    @Test
    void givenUndeclaredIncident_whenEvaluating_thenRefused() {
        assertThatThrownBy(() -> ResponseTargets.DEFAULTS.evaluate(Incident.EMPTY, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package io.firedrill.domain.incident;

import static io.firedrill.domain.incident.IncidentFixtures.T0;
import static io.firedrill.domain.incident.IncidentFixtures.acknowledged;
import static io.firedrill.domain.incident.IncidentFixtures.closedAsDuplicate;
import static io.firedrill.domain.incident.IncidentFixtures.declared;
import static io.firedrill.domain.incident.IncidentFixtures.resolved;
import static io.firedrill.domain.incident.IncidentFixtures.t;
import static io.firedrill.domain.incident.TargetStatus.MET;
import static io.firedrill.domain.incident.TargetStatus.MISSED;
import static io.firedrill.domain.incident.TargetStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.domain.shared.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule of one response target ({@link ResponseTargets#status}), on durations measured from detection. */
class TargetRuleTest {

    private static final Duration TARGET = Duration.ofMinutes(15);
    private static final Duration MICRO = Duration.ofNanos(1_000);

    private static TargetStatus status(Duration reachedAfter, Duration closedAfter, Duration elapsed) {
        return ResponseTargets.status(TARGET, reachedAfter, closedAfter, elapsed);
    }

    @Test
    void givenReachedExactlyAtTheTarget_whenJudged_thenMet() {
        assertThat(status(TARGET, null, Duration.ofDays(1))).isEqualTo(MET);
    }

    @Test
    void givenReachedAMicrosecondAfterTheTarget_whenJudged_thenMissed() {
        assertThat(status(TARGET.plus(MICRO), null, Duration.ofDays(1))).isEqualTo(MISSED);
    }

    @Test
    void givenReachedLate_whenJudgedBeforeTheTargetHasElapsed_thenStillMissed() {
        // only a corrected clock makes this happen; the milestone decides, not the time of asking
        assertThat(status(Duration.ofMinutes(20), null, Duration.ofMinutes(1))).isEqualTo(MISSED);
    }

    @Test
    void givenNotReached_whenJudgedUpToTheTarget_thenRunning() {
        assertThat(status(null, null, Duration.ZERO)).isEqualTo(RUNNING);
        assertThat(status(null, null, TARGET)).isEqualTo(RUNNING);
    }

    @Test
    void givenNotReached_whenJudgedAMicrosecondAfterTheTarget_thenMissed() {
        assertThat(status(null, null, TARGET.plus(MICRO))).isEqualTo(MISSED);
    }

    @Test
    void givenClosedAsDuplicateWithinTheTarget_whenJudgedLongAfter_thenMet() {
        assertThat(status(null, TARGET, Duration.ofDays(30))).isEqualTo(MET);
    }

    @Test
    void givenClosedAsDuplicateAfterTheTarget_whenJudged_thenMissed() {
        assertThat(status(null, TARGET.plus(MICRO), Duration.ofDays(30))).isEqualTo(MISSED);
    }

    @Test
    void givenReachedLateAndThenClosedAsDuplicate_whenJudged_thenTheMilestoneCounts() {
        assertThat(status(Duration.ofMinutes(20), Duration.ofMinutes(25), Duration.ofDays(1))).isEqualTo(MISSED);
        assertThat(status(Duration.ofMinutes(10), Duration.ofMinutes(25), Duration.ofDays(1))).isEqualTo(MET);
    }

    @Test
    void givenIncidentsAroundTheDeadlines_whenEvaluated_thenEveryStatusIsTheRulesOnTheirDurations() {
        ResponseTargets targets = ResponseTargets.DEFAULTS;
        ResponseTargets.Target p1 = targets.target(Severity.P1);
        List<IncidentEvent[]> histories = new ArrayList<>();
        for (long minutes : new long[] {14, 15, 16, 239, 240, 241}) {
            histories.add(new IncidentEvent[] {declared(T0), acknowledged(t(minutes))});
            histories.add(new IncidentEvent[] {declared(T0), acknowledged(t(1)), resolved(t(minutes))});
            histories.add(new IncidentEvent[] {declared(T0), closedAsDuplicate(t(minutes))});
        }
        histories.add(new IncidentEvent[] {declared(T0)});
        for (IncidentEvent[] history : histories) {
            Incident incident = IncidentDecider.fold(List.of(history));
            for (long minutes : new long[] {0, 15, 16, 240, 241}) {
                Instant now = t(minutes);
                TargetEvaluation evaluation = targets.evaluate(incident, now);

                Duration closedAfter = after(incident.closedAsDuplicateAt());
                assertThat(evaluation.acknowledge()).isEqualTo(ResponseTargets.status(p1.acknowledge(),
                        after(incident.acknowledgedAt()), closedAfter, Duration.between(T0, now)));
                assertThat(evaluation.resolve()).isEqualTo(ResponseTargets.status(p1.resolve(),
                        after(incident.resolvedAt()), closedAfter, Duration.between(T0, now)));
            }
        }
    }

    private static Duration after(Instant at) {
        return at == null ? null : Duration.between(T0, at);
    }
}

package io.firedrill.domain.incident;

import static io.firedrill.domain.incident.AlertFixtures.firing;
import static io.firedrill.domain.incident.AlertFixtures.received;
import static io.firedrill.domain.incident.AlertFixtures.resolution;
import static io.firedrill.domain.incident.GroupingDecision.OPENED_INCIDENT;
import static io.firedrill.domain.incident.IncidentFixtures.T0;
import static io.firedrill.domain.incident.IncidentFixtures.detected;
import static io.firedrill.domain.incident.IncidentFixtures.duplicateHistory;
import static io.firedrill.domain.incident.IncidentFixtures.mitigating;
import static io.firedrill.domain.incident.IncidentFixtures.recovered;
import static io.firedrill.domain.incident.IncidentFixtures.reviewedHistory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.alert.Alert;
import io.firedrill.domain.incident.AlertAdmission.Refused;
import io.firedrill.domain.incident.IncidentRuleViolation.Rule;
import io.firedrill.domain.shared.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether an incident takes a batch of alerts, as a value: what alert grouping branches on to join or declare. */
class AlertAdmissionTest {

    private static final Alert FP1 = firing("fp-1", Severity.P1, T0);
    private static final Alert FP2 = firing("fp-2", Severity.P1, T0);

    @Test
    void givenDetected_whenNewFiringAlerts_thenAdmitted() {
        assertThat(IncidentDecider.admission(state(detected()), List.of(FP1, FP2)).admitted()).isTrue();
    }

    @Test
    void givenMitigating_whenNewFiringAlert_thenAdmitted() {
        assertThat(IncidentDecider.admission(state(mitigating()), List.of(FP1)).admitted()).isTrue();
    }

    @Test
    void givenRecovered_whenNewFiringAlert_thenRefusedBecauseItNeedsAnOpenIncident() {
        assertThat(refusal(state(recovered()), FP1)).isEqualTo(Rule.ALERT_NEEDS_OPEN_INCIDENT);
    }

    @Test
    void givenRecoveredHoldingTheAlert_whenItsRepeatOrResolutionArrives_thenAdmitted() {
        Incident held = state(concat(recovered(), received(OPENED_INCIDENT, FP1, T0.plusSeconds(30))));
        assertThat(IncidentDecider.admission(held, List.of(FP1)).admitted()).isTrue();
        assertThat(IncidentDecider.admission(held, List.of(resolution("fp-1", Severity.P1, T0, T0.plusSeconds(60))))
                .admitted()).isTrue();
    }

    @Test
    void givenRecoveredHoldingOneAlert_whenItsRepeatThenANewOne_thenRefusedOnTheNewOne() {
        Incident held = state(concat(recovered(), received(OPENED_INCIDENT, FP1, T0.plusSeconds(30))));
        AlertAdmission admission = IncidentDecider.admission(held, List.of(FP1, FP2));
        assertThat(admission).isInstanceOf(Refused.class);
        assertThat(((Refused) admission).violation().getMessage()).contains("fp-2");
    }

    @Test
    void givenReviewedOrDuplicate_whenAnyAlert_thenRefusedBecauseTheIncidentIsClosed() {
        assertThat(refusal(state(reviewedHistory()), FP1)).isEqualTo(Rule.INCIDENT_CLOSED);
        assertThat(refusal(state(duplicateHistory()), FP1)).isEqualTo(Rule.INCIDENT_CLOSED);
    }

    @Test
    void givenNothing_whenAnyAlert_thenRefusedBecauseNoIncidentWasDeclared() {
        assertThat(refusal(Incident.EMPTY, FP1)).isEqualTo(Rule.INCIDENT_NOT_DECLARED);
    }

    @Test
    void theDecisionRefusesExactlyWhatTheAdmissionRefuses() {
        Incident recovered = state(recovered());
        Refused refused = (Refused) IncidentDecider.admission(recovered, List.of(FP1));
        assertThatThrownBy(() -> IncidentDecider.decide(
                        AlertFixtures.record(T0.plusSeconds(3600), FP1), recovered, T0.plusSeconds(7200)))
                .isInstanceOf(IncidentRuleViolation.class)
                .hasMessage(refused.violation().getMessage());
    }

    private static Rule refusal(Incident state, Alert alert) {
        return ((Refused) IncidentDecider.admission(state, List.of(alert))).violation().rule();
    }

    private static Incident state(IncidentEvent... history) {
        return IncidentDecider.fold(Arrays.asList(history));
    }

    private static IncidentEvent[] concat(IncidentEvent[] history, IncidentEvent more) {
        List<IncidentEvent> all = new ArrayList<>(Arrays.asList(history));
        all.add(more);
        return all.toArray(IncidentEvent[]::new);
    }

}

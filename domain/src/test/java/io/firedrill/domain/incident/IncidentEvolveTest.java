package io.firedrill.domain.incident;

import static io.firedrill.domain.incident.IncidentFixtures.ALICE;
import static io.firedrill.domain.incident.IncidentFixtures.ID;
import static io.firedrill.domain.incident.IncidentFixtures.T0;
import static io.firedrill.domain.incident.IncidentFixtures.acknowledged;
import static io.firedrill.domain.incident.IncidentFixtures.closedAsDuplicate;
import static io.firedrill.domain.incident.IncidentFixtures.declared;
import static io.firedrill.domain.incident.IncidentFixtures.mitigationStarted;
import static io.firedrill.domain.incident.IncidentFixtures.recovered;
import static io.firedrill.domain.incident.IncidentFixtures.resolved;
import static io.firedrill.domain.incident.IncidentFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.incident.IncidentEvent.MilestoneTimeCorrected;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentEvolveTest {

    @Test
    void givenAHistory_whenFolding_thenVersionCountsTheEvents() {
        assertThat(IncidentDecider.fold(List.of(recovered())).version()).isEqualTo(4);
        assertThat(IncidentDecider.fold(List.of())).isEqualTo(Incident.EMPTY);
    }

    @Test
    void givenAcknowledgementsOutOfOrder_whenFolding_thenTheEarliestWins() {
        Incident state = IncidentDecider.fold(List.of(declared(T0), acknowledged(t(5)), acknowledged(t(3))));

        assertThat(state.acknowledgedAt()).isEqualTo(t(3));
    }

    @Test
    void givenMitigationStartFoldedAfterResolution_whenFolding_thenStillRecovered() {
        Incident state = IncidentDecider.fold(List.of(declared(T0), resolved(t(30)), mitigationStarted(t(40))));

        assertThat(state.status()).isEqualTo(IncidentStatus.RECOVERED);
        assertThat(state.mitigatedAt()).isEqualTo(t(40));
    }

    @Test
    void givenDuplicate_whenALateResolutionIsFolded_thenStillDuplicate() {
        Incident state = IncidentDecider.fold(List.of(declared(T0), closedAsDuplicate(t(3)), resolved(t(4))));

        assertThat(state.status()).isEqualTo(IncidentStatus.DUPLICATE);
    }

    @Test
    void givenCorrection_whenFolding_thenTheMilestoneIsReplaced() {
        Incident state = IncidentDecider.fold(List.of(declared(T0), acknowledged(t(2)),
                new MilestoneTimeCorrected(ID, ALICE, TimedMilestone.ACKNOWLEDGED, t(2), t(1), "pager", t(9), t(9))));

        assertThat(state.acknowledgedAt()).isEqualTo(t(1));
    }

    @Test
    void givenNoDeclaration_whenEvolvingAnyOtherEvent_thenIllegalState() {
        assertThatThrownBy(() -> IncidentDecider.evolve(Incident.EMPTY, acknowledged(T0)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenDeclared_whenEvolvingASecondDeclaration_thenIllegalState() {
        Incident state = IncidentDecider.fold(List.of(declared(T0)));

        assertThatThrownBy(() -> IncidentDecider.evolve(state, declared(T0)))
                .isInstanceOf(IllegalStateException.class);
    }
}

package io.firedrill.domain.incident;

import static io.firedrill.domain.incident.IncidentFixtures.T0;
import static io.firedrill.domain.incident.IncidentFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.alert.Alert;
import io.firedrill.domain.shared.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Folding a history at once gives the state that evolving it event by event gives. */
class IncidentFoldTest {

    /** Every incident event type once, then two thousand alerts firing and half of them resolving. */
    private static List<IncidentEvent> history() {
        List<IncidentEvent> events = new ArrayList<>();
        IncidentTimelineTest.oneEventOfEveryType()
                .filter(event -> !(event instanceof IncidentEvent.IncidentClosedAsDuplicate
                        || event instanceof IncidentEvent.IncidentReviewed))
                .forEach(events::add);
        for (int i = 0; i < 2_000; i++) {
            Alert alert = AlertFixtures.firing("fp-" + i, Severity.P2, T0);
            events.add(AlertFixtures.received(GroupingDecision.JOINED_BY_KEY, alert, t(50)));
        }
        for (int i = 0; i < 1_000; i++) {
            Alert resolution = AlertFixtures.resolution("fp-" + i, Severity.P2, T0, t(60));
            events.add(AlertFixtures.received(GroupingDecision.MATCHED_BY_FINGERPRINT, resolution, t(60)));
        }
        return events;
    }

    @Test
    void givenALongHistory_whenFoldedAtOnce_thenTheStateEqualsEvolvingItEventByEvent() {
        List<IncidentEvent> events = history();
        Incident stepByStep = Incident.EMPTY;
        for (IncidentEvent event : events) {
            stepByStep = IncidentDecider.evolve(stepByStep, event);
        }

        Incident folded = IncidentDecider.fold(events);

        assertThat(folded).isEqualTo(stepByStep);
        assertThat(folded.version()).isEqualTo(events.size());
        assertThat(folded.alerts()).hasSize(2_000);
        assertThat(folded.firingAlerts()).isEqualTo(1_000);
    }

    @Test
    void givenAState_whenFoldingMoreEventsOntoIt_thenEqualsFoldingTheWholeHistory() {
        List<IncidentEvent> events = history();
        Incident half = IncidentDecider.fold(events.subList(0, 1_500));

        assertThat(IncidentDecider.fold(half, events.subList(1_500, events.size()))).isEqualTo(IncidentDecider.fold(events));
        assertThat(IncidentDecider.fold(half, List.of())).isSameAs(half);
    }

    @Test
    void givenADeclaredState_whenFoldingADeclarationOntoIt_thenRefused_andAFactBeforeADeclarationIsRefusedToo() {
        Incident declared = IncidentDecider.fold(List.of(IncidentFixtures.declared(T0)));

        assertThatThrownBy(() -> IncidentDecider.fold(declared, List.of(IncidentFixtures.declared(T0))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("declared twice");
        assertThatThrownBy(() -> IncidentDecider.fold(Incident.EMPTY, List.of(IncidentFixtures.acknowledged(t(1)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before the incident was declared");
    }

    @Test
    void givenAStateWithAlerts_whenFoldingFactsThatChangeNone_thenTheAlertsAreKeptAndTheStateBeforeIsUntouched() {
        List<IncidentEvent> events = history();
        Incident before = IncidentDecider.fold(events);
        Incident after = IncidentDecider.fold(before, List.of(IncidentFixtures.acknowledged(t(70))));
        Incident more = IncidentDecider.fold(after, List.of(AlertFixtures.received(GroupingDecision.JOINED_BY_KEY,
                AlertFixtures.firing("fp-new", Severity.P2, T0), t(80))));

        assertThat(after.alerts()).isEqualTo(before.alerts());
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(more.alerts()).hasSize(2_001).containsKey("fp-new");
        assertThat(after.alerts()).as("folding onto a state never changes it").hasSize(2_000).doesNotContainKey("fp-new");
    }

    @Test
    void givenASecondDeclarationLaterInTheHistory_whenFolded_thenRefusedAsWhenEvolving() {
        List<IncidentEvent> events = List.of(IncidentFixtures.declared(T0), IncidentFixtures.acknowledged(t(1)),
                IncidentFixtures.declared(T0));

        assertThatThrownBy(() -> IncidentDecider.fold(events)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declared twice");
    }
}

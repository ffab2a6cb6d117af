package io.firedrill.domain.postmortem;

import static io.firedrill.domain.postmortem.PostmortemFixtures.ACKNOWLEDGED;
import static io.firedrill.domain.postmortem.PostmortemFixtures.ACK_CORRECTED;
import static io.firedrill.domain.postmortem.PostmortemFixtures.ALICE;
import static io.firedrill.domain.postmortem.PostmortemFixtures.CAROL;
import static io.firedrill.domain.postmortem.PostmortemFixtures.DECLARED;
import static io.firedrill.domain.postmortem.PostmortemFixtures.ESCALATED;
import static io.firedrill.domain.postmortem.PostmortemFixtures.FIRST_ALERT;
import static io.firedrill.domain.postmortem.PostmortemFixtures.HANDED_OVER;
import static io.firedrill.domain.postmortem.PostmortemFixtures.INCIDENT;
import static io.firedrill.domain.postmortem.PostmortemFixtures.KEY_NOTE;
import static io.firedrill.domain.postmortem.PostmortemFixtures.LAST_ALERT;
import static io.firedrill.domain.postmortem.PostmortemFixtures.MITIGATING;
import static io.firedrill.domain.postmortem.PostmortemFixtures.PLAIN_NOTE;
import static io.firedrill.domain.postmortem.PostmortemFixtures.RESOLVED;
import static io.firedrill.domain.postmortem.PostmortemFixtures.STATUS_UPDATE;
import static io.firedrill.domain.postmortem.PostmortemFixtures.T0;
import static io.firedrill.domain.postmortem.PostmortemFixtures.fact;
import static io.firedrill.domain.postmortem.PostmortemFixtures.incidentLog;
import static io.firedrill.domain.postmortem.PostmortemFixtures.plus;
import static io.firedrill.domain.postmortem.PostmortemFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentReopened;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.MilestoneTimeCorrected;
import io.firedrill.domain.incident.IncidentNumber;
import io.firedrill.domain.incident.TimedMilestone;
import io.firedrill.domain.shared.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrefillTest {

    @Test
    void givenTheIncidentLog_whenPrefilled_thenBasicInformationIsTheIncidentAsItStandsNow() {
        Prefill prefill = Prefill.from(incidentLog());

        assertThat(prefill.number()).isEqualTo("INC-2026-0042");
        assertThat(prefill.title()).isEqualTo("Checkout returns 500");
        assertThat(prefill.severity()).as("after the escalation").isEqualTo(Severity.P1);
        assertThat(prefill.services()).containsExactly("checkout", "payments");
        assertThat(prefill.commander()).as("after the hand-over").isEqualTo("carol");
        assertThat(prefill.startedAt()).isEqualTo(T0);
        assertThat(prefill.endedAt()).isEqualTo(t(65));
    }

    @Test
    void givenTheIncidentLog_whenPrefilled_thenParticipantsAreEveryDistinctActorAndEveryoneNamedSorted() {
        assertThat(Prefill.from(incidentLog()).participants())
                .as("dave only wrote a note; erin was added as scribe; prometheus-prod is the integration that sent the alerts")
                .containsExactly("alice", "bob", "carol", "dave", "erin", "prometheus-prod");
    }

    @Test
    void givenTheIncidentLog_whenPrefilled_thenResponseTimesAreFromDetectionWithTheCorrectedAcknowledgement() {
        Prefill prefill = Prefill.from(incidentLog());

        assertThat(prefill.timeToAcknowledge()).isEqualTo(Duration.ofMinutes(4));
        assertThat(prefill.timeToMitigate()).isEqualTo(Duration.ofMinutes(25));
        assertThat(prefill.timeToResolve()).isEqualTo(Duration.ofMinutes(65));
    }

    @Test
    void givenTheIncidentLog_whenPrefilled_thenOneRowPerKeyFactInTimeOrderEachCitingItsEvents() {
        List<TimelineRow> timeline = Prefill.from(incidentLog()).timeline();

        assertThat(timeline).containsExactly(
                new TimelineRow(T0, "detected", "alice", "Problem detected", List.of(DECLARED)),
                new TimelineRow(t(1), "declared", "alice",
                        "Declared INC-2026-0042 (P2): Checkout returns 500; services checkout, payments",
                        List.of(DECLARED)),
                new TimelineRow(t(2), "alert", "prometheus-prod",
                        "First alert: HighErrorRate firing (P2): 5xx above 5% for 5 minutes", List.of(FIRST_ALERT)),
                new TimelineRow(t(4), "acknowledged", "bob", "Acknowledged", List.of(ACKNOWLEDGED, ACK_CORRECTED)),
                new TimelineRow(t(8), "severity", "alice", "Severity escalated P2 → P1 (payments affected too)",
                        List.of(ESCALATED)),
                new TimelineRow(t(9), "alert", "prometheus-prod", "Last alert: HighLatency firing (P1)",
                        List.of(LAST_ALERT)),
                new TimelineRow(t(10), "commander", "alice",
                        "Command handed over from alice to carol (alice is off shift)", List.of(HANDED_OVER)),
                new TimelineRow(t(20), "key-note", "carol", "Errors began with the payments-api v42 deploy",
                        List.of(KEY_NOTE)),
                new TimelineRow(t(22), "status-update", "carol",
                        "External status update: We are investigating errors at checkout.", List.of(STATUS_UPDATE)),
                new TimelineRow(t(25), "mitigation", "carol", "Mitigation started: rolling back payments-api to v41",
                        List.of(MITIGATING)),
                new TimelineRow(t(65), "resolved", "carol", "Resolved: error rate back to baseline", List.of(RESOLVED)));
    }

    @Test
    void givenTheIncidentLog_whenPrefilled_thenTheOrdinaryNoteAndTheResponderChangeAreNotOnTheTimeline() {
        assertThat(Prefill.from(incidentLog()).timeline())
                .flatExtracting(TimelineRow::eventIds)
                .doesNotContain(PLAIN_NOTE, PostmortemFixtures.ERIN_ADDED);
    }

    @Test
    void givenOneAlertOnly_whenPrefilled_thenOneAlertRow() {
        List<SourcedFact> log = incidentLog().stream().filter(f -> !f.eventId().equals(LAST_ALERT)).toList();

        assertThat(Prefill.from(log).timeline()).filteredOn(row -> row.kind().equals("alert"))
                .containsExactly(new TimelineRow(t(2), "alert", "prometheus-prod",
                        "Alert: HighErrorRate firing (P2): 5xx above 5% for 5 minutes", List.of(FIRST_ALERT)));
    }

    @Test
    void givenDetectionAtTheDeclaration_whenPrefilled_thenNoSeparateDetectionRowUntilDetectionIsCorrected() {
        SourcedFact declared = fact("d", new IncidentDeclared(INCIDENT, ALICE, IncidentNumber.of(2026, 42), "Checkout",
                null, Severity.P2, List.of("checkout"), "alice", Set.of(), t(1), false, t(1), t(1)));
        SourcedFact corrected = fact("c1", new MilestoneTimeCorrected(INCIDENT, CAROL, TimedMilestone.DETECTED, t(1),
                T0, "the first alert fired at 10:00", t(2), t(2)));

        assertThat(Prefill.from(List.of(declared)).timeline()).extracting(TimelineRow::kind)
                .containsExactly("declared");
        assertThat(Prefill.from(List.of(declared, corrected)).timeline()).extracting(TimelineRow::kind)
                .containsExactly("detected", "declared");
        assertThat(Prefill.from(List.of(declared, corrected)).timeline().getFirst())
                .isEqualTo(new TimelineRow(T0, "detected", "alice", "Problem detected", List.of("d", "c1")));
        assertThat(Prefill.from(List.of(declared, corrected)).startedAt()).isEqualTo(T0);
    }

    @Test
    void givenAReopenAndASecondResolutionThenACorrection_whenPrefilled_thenOnlyTheLatestResolutionIsMoved() {
        List<SourcedFact> log = plus(incidentLog(),
                fact("r1", new IncidentReopened(INCIDENT, CAROL, "errors are back", t(80), t(80))),
                fact("r2", new IncidentResolved(INCIDENT, CAROL, null, t(90), t(90))),
                fact("c2", new MilestoneTimeCorrected(INCIDENT, CAROL, TimedMilestone.RESOLVED, t(90), t(88), "graph",
                        t(95), t(95))));

        Prefill prefill = Prefill.from(log);

        assertThat(prefill.timeline()).filteredOn(row -> row.kind().equals("resolved") || row.kind().equals("reopened"))
                .containsExactly(
                        new TimelineRow(t(65), "resolved", "carol", "Resolved: error rate back to baseline",
                                List.of(RESOLVED)),
                        new TimelineRow(t(80), "reopened", "carol", "Reopened (regression): errors are back",
                                List.of("r1")),
                        new TimelineRow(t(88), "resolved", "carol", "Resolved", List.of("r2", "c2")));
        assertThat(prefill.endedAt()).isEqualTo(t(88));
        assertThat(prefill.timeToResolve()).isEqualTo(Duration.ofMinutes(88));
    }

    @Test
    void givenAnIncidentStillOpen_whenPrefilled_thenUnreachedTimesAreNull() {
        Prefill prefill = Prefill.from(incidentLog().subList(0, 2));

        assertThat(prefill.timeToAcknowledge()).isNull();
        assertThat(prefill.timeToMitigate()).isNull();
        assertThat(prefill.timeToResolve()).isNull();
        assertThat(prefill.endedAt()).isNull();
    }

    @Test
    void givenALogWithoutItsDeclaration_whenPrefilled_thenRefused() {
        assertThatThrownBy(() -> Prefill.from(incidentLog().subList(1, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("incidentLog");
        assertThatThrownBy(() -> Prefill.from(List.of())).hasMessageStartingWith("incidentLog");
    }

    @Test
    void givenTheSameLog_whenPrefilledTwice_thenEqual() {
        assertThat(Prefill.from(incidentLog())).isEqualTo(Prefill.from(incidentLog()));
    }
}

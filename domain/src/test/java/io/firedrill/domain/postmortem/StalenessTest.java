package io.firedrill.domain.postmortem;

import static io.firedrill.domain.postmortem.PostmortemFixtures.ACKNOWLEDGED;
import static io.firedrill.domain.postmortem.PostmortemFixtures.ACK_CORRECTED;
import static io.firedrill.domain.postmortem.PostmortemFixtures.ALICE;
import static io.firedrill.domain.postmortem.PostmortemFixtures.BOB;
import static io.firedrill.domain.postmortem.PostmortemFixtures.DECLARED;
import static io.firedrill.domain.postmortem.PostmortemFixtures.ESCALATED;
import static io.firedrill.domain.postmortem.PostmortemFixtures.FIRST_ALERT;
import static io.firedrill.domain.postmortem.PostmortemFixtures.ID;
import static io.firedrill.domain.postmortem.PostmortemFixtures.INCIDENT;
import static io.firedrill.domain.postmortem.PostmortemFixtures.KEY_NOTE;
import static io.firedrill.domain.postmortem.PostmortemFixtures.RESOLVED;
import static io.firedrill.domain.postmortem.PostmortemFixtures.fact;
import static io.firedrill.domain.postmortem.PostmortemFixtures.incidentLog;
import static io.firedrill.domain.postmortem.PostmortemFixtures.logBeforeCorrection;
import static io.firedrill.domain.postmortem.PostmortemFixtures.plus;
import static io.firedrill.domain.postmortem.PostmortemFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.domain.incident.IncidentEvent.IncidentReopened;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.MilestoneTimeCorrected;
import io.firedrill.domain.incident.IncidentEvent.SeverityDowngraded;
import io.firedrill.domain.incident.TimedMilestone;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemDrafted;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemEdited;
import io.firedrill.domain.shared.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StalenessTest {

    private static final SourcedFact DOWNGRADED = fact("e14-downgraded", new SeverityDowngraded(INCIDENT, ALICE,
            Severity.P1, Severity.P2, "payments were not affected after all", t(75), t(75)));

    /** A postmortem pre-filled from {@code prefillLog} whose direct cause and whys cite the given ids. */
    private static Postmortem postmortem(List<SourcedFact> prefillLog, List<String> causeEvidence,
                                         List<List<String>> whyEvidence) {
        SectionsPatch patch = SectionsPatch.NONE
                .withDirectCause(new Statement("The payments-api v42 deploy.", causeEvidence))
                .withFiveWhys(whyEvidence.stream().map(ids -> new Why("Why?", "Because.", ids)).toList());
        return PostmortemDecider.fold(List.of(
                new PostmortemDrafted(ID, ALICE, INCIDENT, Prefill.from(prefillLog), t(100)),
                new PostmortemEdited(ID, ALICE, patch, t(101))));
    }

    @Test
    void givenTheAcknowledgementCorrectedLater_whenTheDirectCauseCitesIt_thenTheDirectCauseIsStale() {
        Postmortem pm = postmortem(incidentLog(), List.of(ACKNOWLEDGED, KEY_NOTE), List.of());

        assertThat(Staleness.staleStatements(pm, incidentLog())).containsExactly("directCause");
    }

    @Test
    void givenTheAcknowledgementCorrectedLater_whenAStatementCitesTheCorrectionToo_thenNotStale() {
        Postmortem pm = postmortem(incidentLog(), List.of(ACKNOWLEDGED, ACK_CORRECTED), List.of(List.of(ACK_CORRECTED)));

        assertThat(Staleness.staleStatements(pm, incidentLog())).isEmpty();
    }

    @Test
    void givenTheCorrectionNotRecordedYet_whenAStatementCitesTheAcknowledgement_thenNotStale() {
        Postmortem pm = postmortem(logBeforeCorrection(), List.of(ACKNOWLEDGED), List.of());

        assertThat(Staleness.staleStatements(pm, logBeforeCorrection())).isEmpty();
    }

    @Test
    void givenALaterSeverityChange_whenWhysCiteEarlierSeverityFacts_thenThoseWhysAreStaleButNotTheOneCitingTheLatest() {
        List<SourcedFact> log = plus(incidentLog(), DOWNGRADED);
        Postmortem pm = postmortem(log, List.of(), List.of(
                List.of(DECLARED), List.of(ESCALATED), List.of(DOWNGRADED.eventId()), List.of(FIRST_ALERT, KEY_NOTE)));

        assertThat(Staleness.staleStatements(pm, log)).containsExactly("fiveWhys[0]", "fiveWhys[1]");
    }

    @Test
    void givenTheIncidentLog_whenAskingWhichFactsWereCorrected_thenEachWithItsLaterCorrections() {
        List<SourcedFact> log = plus(incidentLog(), DOWNGRADED);

        assertThat(Staleness.corrections(log)).isEqualTo(Map.of(
                DECLARED, Set.of(ESCALATED, DOWNGRADED.eventId()),
                ESCALATED, Set.of(DOWNGRADED.eventId()),
                ACKNOWLEDGED, Set.of(ACK_CORRECTED)));
        assertThat(Staleness.staleEvidence(log)).containsExactly(DECLARED, ACKNOWLEDGED, ESCALATED);
    }

    @Test
    void givenASecondCorrectionOfTheSameMilestone_whenAStatementCitesTheFirstCorrection_thenStale() {
        SourcedFact again = fact("e15-ack-corrected", new MilestoneTimeCorrected(INCIDENT, BOB,
                TimedMilestone.ACKNOWLEDGED, t(4), t(3), "the pager log says 10:03", t(80), t(80)));
        List<SourcedFact> log = plus(incidentLog(), again);
        Postmortem pm = postmortem(log, List.of(ACKNOWLEDGED, ACK_CORRECTED), List.of());

        assertThat(Staleness.staleStatements(pm, log)).containsExactly("directCause");
    }

    @Test
    void givenAReopenThenACorrectedSecondResolution_whenAStatementCitesTheFirstResolution_thenNotStale() {
        List<SourcedFact> log = plus(incidentLog(),
                fact("r1", new IncidentReopened(INCIDENT, ALICE, "errors are back", t(80), t(80))),
                fact("r2", new IncidentResolved(INCIDENT, ALICE, null, t(90), t(90))),
                fact("c2", new MilestoneTimeCorrected(INCIDENT, ALICE, TimedMilestone.RESOLVED, t(90), t(88), "graph",
                        t(95), t(95))));
        Postmortem pm = postmortem(log, List.of(RESOLVED), List.of(List.of("r2")));

        assertThat(Staleness.staleStatements(pm, log)).containsExactly("fiveWhys[0]");
    }

    @Test
    void givenAPrefillFromBeforeTheCorrection_whenChecked_thenTheAcknowledgementRowIsStaleUntilRefreshed() {
        Postmortem old = postmortem(logBeforeCorrection(), List.of(), List.of());
        Postmortem refreshed = postmortem(incidentLog(), List.of(), List.of());

        assertThat(old.prefill().timeline().get(3).kind()).isEqualTo("acknowledged");
        assertThat(Staleness.staleStatements(old, incidentLog())).containsExactly("timeline[3]");
        assertThat(Staleness.staleStatements(refreshed, incidentLog())).isEmpty();
    }

    @Test
    void givenAPrefillFromBeforeADowngrade_whenChecked_thenRowsCitingSeverityFactsAreStaleUntilRefreshed() {
        List<SourcedFact> log = plus(incidentLog(), DOWNGRADED);
        Postmortem old = postmortem(incidentLog(), List.of(), List.of());
        Postmortem refreshed = postmortem(log, List.of(), List.of());

        assertThat(Staleness.staleStatements(old, log))
                .as("detection and declaration rows cite the declaration, which set the first severity")
                .containsExactly("timeline[0]", "timeline[1]", "timeline[4]");
        assertThat(old.prefill().timeline().get(4).kind()).isEqualTo("severity");
        assertThat(Staleness.staleStatements(refreshed, log)).isEmpty();
    }
}

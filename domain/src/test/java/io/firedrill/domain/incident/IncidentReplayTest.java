package io.firedrill.domain.incident;

import static io.firedrill.domain.incident.IncidentFixtures.ALICE;
import static io.firedrill.domain.incident.IncidentFixtures.BOB;
import static io.firedrill.domain.incident.IncidentFixtures.ID;
import static io.firedrill.domain.incident.IncidentFixtures.T0;
import static io.firedrill.domain.incident.IncidentFixtures.declare;
import static io.firedrill.domain.incident.IncidentFixtures.t;
import static io.firedrill.domain.incident.IncidentReplay.Knowledge.OCCURRED;
import static io.firedrill.domain.incident.IncidentReplay.Knowledge.RECORDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.incident.IncidentCommand.AcknowledgeIncident;
import io.firedrill.domain.incident.IncidentCommand.AddNote;
import io.firedrill.domain.incident.IncidentCommand.ChangeSeverity;
import io.firedrill.domain.incident.IncidentCommand.CorrectMilestoneTime;
import io.firedrill.domain.incident.IncidentCommand.ReopenIncident;
import io.firedrill.domain.incident.IncidentCommand.ResolveIncident;
import io.firedrill.domain.incident.IncidentCommand.StartMitigation;
import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.MitigationStarted;
import io.firedrill.domain.incident.IncidentEvent.NoteAdded;
import io.firedrill.domain.incident.IncidentEvent.SeverityDowngraded;
import io.firedrill.domain.incident.ReplayDiff.FieldChange;
import io.firedrill.domain.shared.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentReplayTest {

    /** Decides commands at given recording instants, like the application would, and keeps log and states. */
    private static final class Recorder {

        final List<IncidentEvent> log = new ArrayList<>();
        final List<Instant> instants = new ArrayList<>();
        final List<Incident> states = new ArrayList<>();
        private Incident state = Incident.EMPTY;

        Recorder record(IncidentCommand command, Instant now) {
            for (IncidentEvent event : IncidentDecider.decide(command, state, now)) {
                log.add(event);
                state = IncidentDecider.evolve(state, event);
            }
            instants.add(now);
            states.add(state);
            return this;
        }

        Incident current() {
            return state;
        }
    }

    /**
     * Declared at T0 (recorded then); acknowledged at +3 but recorded at +10; mitigation started at +12; a note
     * about +8 recorded at +20; resolved at +30; at +60 detection corrected to 20 minutes before T0; downgraded
     * at +70.
     */
    private static Recorder story() {
        return new Recorder()
                .record(declare(null), T0)
                .record(new AcknowledgeIncident(ID, BOB, t(3)), t(10))
                .record(new StartMitigation(ID, BOB, "rolling back", null), t(12))
                .record(new AddNote(ID, BOB, "bad deploy at 10:08", true, t(8)), t(20))
                .record(new ResolveIncident(ID, BOB, "rolled back", null), t(30))
                .record(new CorrectMilestoneTime(ID, ALICE, TimedMilestone.DETECTED, t(-20), "first alert", null), t(60))
                .record(new ChangeSeverity(ID, ALICE, Severity.P2, "few customers", null), t(70));
    }

    @Test
    void givenALog_whenReplayingRecordedAtEachCommandsInstant_thenTheStateRightAfterThatCommand() {
        Recorder story = story();

        for (int i = 0; i < story.states.size(); i++) {
            Instant at = story.instants.get(i);
            assertThat(IncidentReplay.asOf(story.log, at, RECORDED)).contains(story.states.get(i));
            Optional<Incident> justBefore = IncidentReplay.asOf(story.log, at.minusNanos(1), RECORDED);
            if (i == 0) {
                assertThat(justBefore).isEmpty();
            } else {
                assertThat(justBefore).contains(story.states.get(i - 1));
            }
        }
    }

    @Test
    void givenALog_whenReplayingBeforeTheDeclaration_thenEmptyInBothViews() {
        Recorder story = story();

        assertThat(IncidentReplay.asOf(story.log, t(-30), RECORDED)).isEmpty();
        assertThat(IncidentReplay.asOf(story.log, t(-30), OCCURRED)).isEmpty();
        assertThat(IncidentReplay.asOf(List.of(), t(100), OCCURRED)).isEmpty();
    }

    @Test
    void givenABackdatedAcknowledgement_whenReplayingInBetween_thenOccurredKnowsItAndRecordedDoesNot() {
        Recorder story = story();

        Incident recorded = IncidentReplay.asOf(story.log, t(5), RECORDED).orElseThrow();
        Incident occurred = IncidentReplay.asOf(story.log, t(5), OCCURRED).orElseThrow();

        assertThat(recorded.acknowledgedAt()).isNull();
        assertThat(occurred.acknowledgedAt()).isEqualTo(t(3));
    }

    @Test
    void givenCorrectedDetection_whenReplayingBeforeTheOriginalDetection_thenOnlyOccurredShowsTheIncident() {
        Recorder story = story();

        assertThat(IncidentReplay.asOf(story.log, t(-10), RECORDED)).isEmpty();
        Incident occurred = IncidentReplay.asOf(story.log, t(-10), OCCURRED).orElseThrow();
        assertThat(occurred.detectedAt()).isEqualTo(t(-20));
        assertThat(occurred.status()).isEqualTo(IncidentStatus.DETECTED);
        assertThat(IncidentReplay.asOf(story.log, t(-21), OCCURRED)).isEmpty();
    }

    @Test
    void givenCorrectedDetection_whenReplayingAfterwards_thenOccurredShowsTheCorrectedInstantAndRecordedTheOld() {
        Recorder story = story();

        assertThat(IncidentReplay.asOf(story.log, t(40), RECORDED).orElseThrow().detectedAt()).isEqualTo(T0);
        assertThat(IncidentReplay.asOf(story.log, t(40), OCCURRED).orElseThrow().detectedAt()).isEqualTo(t(-20));
        assertThat(IncidentReplay.asOf(story.log, t(100), RECORDED).orElseThrow().detectedAt()).isEqualTo(t(-20));
    }

    @Test
    void givenALog_whenReplayingOccurredAfterEverything_thenTheCurrentStateButForTheVersion() {
        Recorder story = story();

        Incident occurred = IncidentReplay.asOf(story.log, t(1000), OCCURRED).orElseThrow();

        assertThat(occurred).usingRecursiveComparison().ignoringFields("version").isEqualTo(story.current());
        assertThat(occurred.version()).isEqualTo(story.log.size() - 1);
        assertThat(IncidentReplay.asOf(story.log, t(1000), RECORDED)).contains(story.current());
    }

    @Test
    void givenBackdatedFacts_whenAskingTheTimelines_thenOccurredIsInEffectiveTimeOrderWithoutCorrections() {
        Recorder story = story();

        List<IncidentEvent> occurred = IncidentReplay.timelineAsOf(story.log, t(40), OCCURRED);
        List<IncidentEvent> recorded = IncidentReplay.timelineAsOf(story.log, t(40), RECORDED);

        assertThat(occurred).extracting(event -> event.getClass().getSimpleName()).containsExactly(
                "IncidentDeclared", "IncidentAcknowledged", "NoteAdded", "MitigationStarted", "IncidentResolved");
        assertThat(((IncidentDeclared) occurred.get(0)).detectedAt()).isEqualTo(t(-20));
        assertThat(recorded).extracting(event -> event.getClass().getSimpleName()).containsExactly(
                "IncidentDeclared", "IncidentAcknowledged", "MitigationStarted", "NoteAdded", "IncidentResolved");
        assertThat(((IncidentDeclared) recorded.get(0)).detectedAt()).isEqualTo(T0);
    }

    @Test
    void givenAcknowledgementCorrectedLater_whenReplaying_thenOccurredMovesTheFactAndRecordedKeepsWhatWasKnown() {
        Recorder story = new Recorder()
                .record(declare(null), T0)
                .record(new AcknowledgeIncident(ID, BOB, null), t(2))
                .record(new CorrectMilestoneTime(ID, ALICE, TimedMilestone.ACKNOWLEDGED, t(8), "pager log", null),
                        t(20));

        assertThat(IncidentReplay.asOf(story.log, t(5), RECORDED).orElseThrow().acknowledgedAt()).isEqualTo(t(2));
        assertThat(IncidentReplay.asOf(story.log, t(5), OCCURRED).orElseThrow().acknowledgedAt()).isNull();
        assertThat(IncidentReplay.asOf(story.log, t(10), OCCURRED).orElseThrow().acknowledgedAt()).isEqualTo(t(8));
        assertThat(IncidentReplay.timelineAsOf(story.log, t(10), OCCURRED).get(1))
                .isEqualTo(new IncidentAcknowledged(ID, BOB, t(8), t(2)));
    }

    @Test
    void givenRegressionAndCorrectedLatestResolution_whenReplayingOccurred_thenOnlyTheLatestResolutionMoves() {
        Recorder story = new Recorder()
                .record(declare(null), T0)
                .record(new ResolveIncident(ID, BOB, null, null), t(10))
                .record(new ReopenIncident(ID, BOB, "back", null), t(20))
                .record(new ResolveIncident(ID, BOB, null, null), t(30))
                .record(new CorrectMilestoneTime(ID, ALICE, TimedMilestone.RESOLVED, t(28), "graphs", null), t(40));

        assertThat(IncidentReplay.asOf(story.log, t(15), OCCURRED).orElseThrow().resolvedAt()).isEqualTo(t(10));
        Incident reopened = IncidentReplay.asOf(story.log, t(25), OCCURRED).orElseThrow();
        assertThat(reopened.status()).isEqualTo(IncidentStatus.MITIGATING);
        assertThat(reopened.regressions()).isEqualTo(1);
        Incident recovered = IncidentReplay.asOf(story.log, t(28), OCCURRED).orElseThrow();
        assertThat(recovered.status()).isEqualTo(IncidentStatus.RECOVERED);
        assertThat(recovered.resolvedAt()).isEqualTo(t(28));
        assertThat(IncidentReplay.asOf(story.log, t(29), RECORDED).orElseThrow().status())
                .isEqualTo(IncidentStatus.MITIGATING);
    }

    @Test
    void givenALog_whenDiffingRecorded_thenChangedFieldsAndTheFactsInBetween() {
        Recorder story = story();

        ReplayDiff diff = IncidentReplay.diff(story.log, t(1), t(40), RECORDED);

        assertThat(diff.before()).map(Incident::status).contains(IncidentStatus.DETECTED);
        assertThat(diff.after()).map(Incident::status).contains(IncidentStatus.RECOVERED);
        assertThat(diff.changes()).containsExactly(
                new FieldChange("status", IncidentStatus.DETECTED, IncidentStatus.RECOVERED),
                new FieldChange("acknowledgedAt", null, t(3)),
                new FieldChange("mitigatedAt", null, t(12)),
                new FieldChange("resolvedAt", null, t(30)));
        assertThat(diff.facts()).extracting(IncidentEvent::getClass).containsExactly(
                IncidentAcknowledged.class, MitigationStarted.class, NoteAdded.class, IncidentResolved.class);
    }

    @Test
    void givenACorrection_whenDiffingTheSamePeriodInBothViews_thenOnlyRecordedSeesDetectionMove() {
        Recorder story = story();

        ReplayDiff recorded = IncidentReplay.diff(story.log, t(40), t(80), RECORDED);
        ReplayDiff occurred = IncidentReplay.diff(story.log, t(40), t(80), OCCURRED);

        assertThat(recorded.changes()).extracting(FieldChange::field).containsExactly("severity", "detectedAt");
        assertThat(recorded.facts()).hasSize(2);
        assertThat(occurred.changes()).containsExactly(new FieldChange("severity", Severity.P1, Severity.P2));
        assertThat(occurred.facts()).singleElement().isInstanceOf(SeverityDowngraded.class);
    }

    @Test
    void givenNothingBefore_whenDiffingAcrossTheDeclaration_thenBeforeIsEmptyAndEveryDeclaredFieldChanged() {
        Recorder story = story();

        ReplayDiff diff = IncidentReplay.diff(story.log, t(-30), t(-20), OCCURRED);

        assertThat(diff.before()).isEmpty();
        assertThat(diff.after()).isPresent();
        assertThat(diff.changes()).extracting(FieldChange::field).containsExactly("id", "number", "title", "severity",
                "status", "services", "commander", "responders", "detectedAt", "declaredAt");
        assertThat(diff.facts()).singleElement().isInstanceOf(IncidentDeclared.class);
        assertThat(diff.knowledge()).isEqualTo(OCCURRED);
    }

    @Test
    void givenFromAfterTo_whenDiffing_thenRefused() {
        assertThatThrownBy(() -> IncidentReplay.diff(story().log, t(10), t(5), RECORDED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("from");
    }

    @Test
    void givenALongLog_whenReplaying_thenItTakesMilliseconds() {
        Recorder story = new Recorder().record(declare(null), T0);
        for (int i = 1; i <= 2_000; i++) {
            story.record(new AddNote(ID, BOB, "note " + i, false, null), T0.plus(Duration.ofSeconds(i)));
        }

        long started = System.nanoTime();
        Incident state = IncidentReplay.asOf(story.log, t(60), OCCURRED).orElseThrow();

        assertThat(state.version()).isEqualTo(2_001);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }
}

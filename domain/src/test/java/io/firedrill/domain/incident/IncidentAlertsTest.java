package io.firedrill.domain.incident;

import static io.firedrill.domain.incident.AlertFixtures.KEY;
import static io.firedrill.domain.incident.AlertFixtures.PROMETHEUS;
import static io.firedrill.domain.incident.AlertFixtures.RULE;
import static io.firedrill.domain.incident.AlertFixtures.firing;
import static io.firedrill.domain.incident.AlertFixtures.received;
import static io.firedrill.domain.incident.AlertFixtures.record;
import static io.firedrill.domain.incident.AlertFixtures.resolution;
import static io.firedrill.domain.incident.GroupingDecision.JOINED_BY_KEY;
import static io.firedrill.domain.incident.GroupingDecision.MATCHED_BY_FINGERPRINT;
import static io.firedrill.domain.incident.GroupingDecision.OPENED_INCIDENT;
import static io.firedrill.domain.incident.IncidentFixtures.ID;
import static io.firedrill.domain.incident.IncidentFixtures.T0;
import static io.firedrill.domain.incident.IncidentFixtures.acknowledged;
import static io.firedrill.domain.incident.IncidentFixtures.declared;
import static io.firedrill.domain.incident.IncidentFixtures.detected;
import static io.firedrill.domain.incident.IncidentFixtures.duplicateHistory;
import static io.firedrill.domain.incident.IncidentFixtures.mitigating;
import static io.firedrill.domain.incident.IncidentFixtures.mitigationStarted;
import static io.firedrill.domain.incident.IncidentFixtures.recovered;
import static io.firedrill.domain.incident.IncidentFixtures.resolved;
import static io.firedrill.domain.incident.IncidentFixtures.reviewedHistory;
import static io.firedrill.domain.incident.IncidentFixtures.t;
import static io.firedrill.domain.incident.IncidentSpec.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.firedrill.domain.alert.Alert;
import io.firedrill.domain.alert.AlertStatus;
import io.firedrill.domain.alert.AutoResolvePolicy;
import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.NoteAdded;
import io.firedrill.domain.incident.IncidentEvent.SeverityEscalated;
import io.firedrill.domain.incident.IncidentRuleViolation.Rule;
import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IncidentAlertsTest {

    private static final Instant NOW = t(60);
    /** Later than every fixture history, including the review a day after detection. */
    private static final Instant LATER = t(3 * 24 * 60);

    private static final Alert FP1 = firing("fp-1", Severity.P1, T0);
    private static final Alert FP2 = firing("fp-2", Severity.P1, T0);

    @Nested
    class NewFiringAlerts {

        @Test
        void givenDetected_whenTwoNewFiringAlerts_thenOneAlertReceivedEachWithTheCommandsDecisionAndOccurredAt() {
            given(detected())
                    .when(record(OPENED_INCIDENT, AutoResolvePolicy.RESOLVE_INCIDENT, t(1), FP1, FP2), NOW)
                    .then(received(OPENED_INCIDENT, FP1, t(1), NOW), received(OPENED_INCIDENT, FP2, t(1), NOW));
        }

        @Test
        void givenMitigating_whenNewFiringAlert_thenItJoins() {
            given(mitigating())
                    .when(record(t(10), FP1), NOW)
                    .then(received(JOINED_BY_KEY, FP1, t(10), NOW));
        }

        @Test
        void givenTheAlertIsHeld_whenTheSameFiringAlertArrivesAgain_thenNothingHappens() {
            given(declared(T0), received(OPENED_INCIDENT, FP1, t(1)))
                    .when(record(t(2), FP1), NOW)
                    .thenNothingHappens();
        }

        @Test
        void givenTheAlertIsHeld_whenAFiringAlertWithAnOlderStartArrives_thenNothingHappens() {
            given(declared(T0), received(OPENED_INCIDENT, firing("fp-1", Severity.P1, t(10)), t(10)))
                    .when(record(t(11), firing("fp-1", Severity.P1, t(5))), NOW)
                    .thenNothingHappens();
        }

        @Test
        void givenTheAlertResolved_whenItFiresAgainWithTheSameStart_thenNothingHappens() {
            given(declared(T0), received(OPENED_INCIDENT, FP1, t(1)),
                    received(MATCHED_BY_FINGERPRINT, resolution("fp-1", Severity.P1, T0, t(3)), t(3)))
                    .when(record(t(4), FP1), NOW)
                    .thenNothingHappens();
        }

        @Test
        void givenTheAlertResolved_whenANewOccurrenceFires_thenItIsRecordedWithTheCommandsDecision() {
            Alert again = firing("fp-1", Severity.P1, t(20));
            Alert other = firing("fp-2", Severity.P1, t(1));

            given(declared(T0), received(OPENED_INCIDENT, FP1, t(1)), received(OPENED_INCIDENT, other, t(1)),
                    received(MATCHED_BY_FINGERPRINT, resolution("fp-1", Severity.P1, FP1.startsAt(), t(10)), t(10)))
                    .when(record(t(21), again), NOW)
                    .then(received(JOINED_BY_KEY, again, t(21), NOW));
        }

        @Test
        void givenTheAlertIsFiring_whenItFiresAgainWithAnotherStart_thenNothingHappens() {
            given(declared(T0), received(OPENED_INCIDENT, FP1, t(1)))
                    .when(record(t(21), firing("fp-1", Severity.P1, t(20))), NOW)
                    .thenNothingHappens();
        }
    }

    @Nested
    class Escalation {

        @Test
        void givenP1_whenAMoreSevereFiringAlert_thenAlertReceivedThenSeverityEscalatedNamingTheAlertAndItsReason() {
            Alert critical = firing("fp-2", Severity.P0, t(3));

            given(declared(Severity.P1, T0))
                    .when(record(t(4), critical), NOW)
                    .then(received(JOINED_BY_KEY, critical, t(4), NOW),
                            new SeverityEscalated(ID, PROMETHEUS, Severity.P1, Severity.P0,
                                    "alert HighErrorRate (fp-2): severity=P0 → P0", t(4), NOW));
        }

        @Test
        void givenP1_whenALessSevereFiringAlert_thenNoEscalation() {
            Alert minor = firing("fp-2", Severity.P3, t(3));

            given(declared(Severity.P1, T0))
                    .when(record(t(4), minor), NOW)
                    .then(received(JOINED_BY_KEY, minor, t(4), NOW));
        }

        @Test
        void givenP2_whenTwoMoreSevereFiringAlerts_thenOneEscalationToTheWorst() {
            Alert major = firing("fp-1", Severity.P1, t(3));
            Alert critical = firing("fp-0", Severity.P0, t(3));

            given(declared(Severity.P2, T0))
                    .when(record(t(4), major, critical), NOW)
                    .then(received(JOINED_BY_KEY, major, t(4), NOW), received(JOINED_BY_KEY, critical, t(4), NOW),
                            new SeverityEscalated(ID, PROMETHEUS, Severity.P2, Severity.P0,
                                    "alert HighErrorRate (fp-0): severity=P0 → P0", t(4), NOW));
        }
    }

    @Nested
    class ClosedOrRecovered {

        @Test
        void givenRecovered_whenANewFiringAlert_thenRejectedAsNeedingAnOpenIncident() {
            IncidentRuleViolation violation = given(recovered())
                    .when(record(t(31), firing("fp-9", Severity.P1, t(31))), NOW)
                    .thenRejectedWith(Rule.ALERT_NEEDS_OPEN_INCIDENT);

            assertThat(violation).hasMessageContaining("fp-9").hasMessageContaining("RECOVERED");
        }

        @Test
        void givenReviewed_whenANewFiringAlert_thenRejectedAsClosed() {
            given(reviewedHistory())
                    .when(record(LATER, firing("fp-9", Severity.P1, LATER)), LATER)
                    .thenRejectedWith(Rule.INCIDENT_CLOSED);
        }

        @Test
        void givenDuplicate_whenANewFiringAlert_thenRejectedAsClosed() {
            given(duplicateHistory())
                    .when(record(t(10), firing("fp-9", Severity.P1, t(10))), NOW)
                    .thenRejectedWith(Rule.INCIDENT_CLOSED);
        }

        @Test
        void givenADuplicateHoldingAFiringAlert_whenItResolves_thenRejectedAsClosed() {
            given(declared(T0), received(OPENED_INCIDENT, FP1, t(1)), IncidentFixtures.closedAsDuplicate(t(2)))
                    .when(record(t(10), resolution("fp-1", Severity.P1, FP1.startsAt(), t(9))), NOW)
                    .thenRejectedWith(Rule.INCIDENT_CLOSED);
        }

        @Test
        void givenRecoveredHoldingAFiringAlert_whenItResolves_thenRecordedAsMatchedWithoutAResolution() {
            Alert resolution = resolution("fp-1", Severity.P1, T0, t(34));

            given(declared(T0), received(OPENED_INCIDENT, FP1, t(1)), acknowledged(t(2)), mitigationStarted(t(5)),
                    resolved(t(30)))
                    .when(record(t(35), resolution), NOW)
                    .then(received(MATCHED_BY_FINGERPRINT, resolution, t(35), NOW));
        }
    }

    @Nested
    class Resolutions {

        @Test
        void givenOneFiringAlert_whenItResolvesUnderResolveIncident_thenTheIntegrationResolvesAtTheAlertsEnd() {
            Alert resolution = resolution("fp-1", Severity.P1, T0, t(18));

            Incident state = given(declared(T0), received(OPENED_INCIDENT, FP1, t(1)))
                    .when(record(t(20), resolution), NOW)
                    .then(received(MATCHED_BY_FINGERPRINT, resolution, t(20), NOW),
                            new IncidentResolved(ID, PROMETHEUS, "Its alert has resolved (the last at "
                                    + t(18) + "); resolved by the integration's policy RESOLVE_INCIDENT.", t(18), NOW));

            assertThat(state.status()).isEqualTo(IncidentStatus.RECOVERED);
            assertThat(state.resolvedAt()).isEqualTo(t(18));
        }

        @Test
        void givenUnacknowledged_whenTheLastAlertResolvesUnderResolveIncident_thenNoAcknowledgement() {
            Incident state = IncidentDecider.fold(List.of(declared(T0), received(OPENED_INCIDENT, FP1, t(1))));

            List<IncidentEvent> events = IncidentDecider.decide(
                    record(t(20), resolution("fp-1", Severity.P1, T0, t(18))), state, NOW);

            assertThat(events).hasAtLeastOneElementOfType(IncidentResolved.class)
                    .noneMatch(IncidentAcknowledged.class::isInstance);
        }

        @Test
        void givenMitigationStartedAfterTheAlertEnded_whenItResolves_thenResolvedNotBeforeTheMitigationStart() {
            Alert resolution = resolution("fp-1", Severity.P1, T0, t(3));

            given(declared(T0), received(OPENED_INCIDENT, FP1, t(1)), acknowledged(t(2)), mitigationStarted(t(5)))
                    .when(record(t(20), resolution), NOW)
                    .then(received(MATCHED_BY_FINGERPRINT, resolution, t(20), NOW),
                            new IncidentResolved(ID, PROMETHEUS, "Its alert has resolved (the last at "
                                    + t(3) + "); resolved by the integration's policy RESOLVE_INCIDENT.", t(5), NOW));
        }

        @Test
        void givenOneFiringAlert_whenItResolvesUnderNoteOnly_thenANoteAndTheStatusStays() {
            Alert resolution = resolution("fp-1", Severity.P1, T0, t(18));

            Incident state = given(declared(T0), received(OPENED_INCIDENT, FP1, t(1)))
                    .when(record(JOINED_BY_KEY, AutoResolvePolicy.NOTE_ONLY, t(20), resolution), NOW)
                    .then(received(MATCHED_BY_FINGERPRINT, resolution, t(20), NOW),
                            new NoteAdded(ID, PROMETHEUS, "Its alert has resolved; the integration's policy NOTE_ONLY"
                                    + " leaves the incident open.", false, t(20), NOW));

            assertThat(state.status()).isEqualTo(IncidentStatus.DETECTED);
        }

        @Test
        void givenTwoFiringAlerts_whenOneResolves_thenNoResolution() {
            Alert resolution = resolution("fp-1", Severity.P1, T0, t(18));

            given(declared(T0), received(OPENED_INCIDENT, FP1, t(1)), received(JOINED_BY_KEY, FP2, t(1)))
                    .when(record(t(20), resolution), NOW)
                    .then(received(MATCHED_BY_FINGERPRINT, resolution, t(20), NOW));
        }

        @Test
        void givenTwoFiringAlerts_whenBothResolveInOneDelivery_thenResolvedAtTheLaterEnd() {
            Alert first = resolution("fp-1", Severity.P1, T0, t(18));
            Alert second = resolution("fp-2", Severity.P1, T0, t(12));

            given(declared(T0), received(OPENED_INCIDENT, FP1, t(1)), received(JOINED_BY_KEY, FP2, t(1)))
                    .when(record(t(20), first, second), NOW)
                    .then(received(MATCHED_BY_FINGERPRINT, first, t(20), NOW),
                            received(MATCHED_BY_FINGERPRINT, second, t(20), NOW),
                            new IncidentResolved(ID, PROMETHEUS, "All 2 of its alerts have resolved (the last at "
                                    + t(18) + "); resolved by the integration's policy RESOLVE_INCIDENT.", t(18), NOW));
        }

        @Test
        void givenAnAlertTheIncidentNeverHeld_whenItArrivesResolved_thenRecordedWithTheCommandsDecisionAndNoResolution() {
            Alert stranger = resolution("fp-7", Severity.P1, T0, t(18));

            given(detected())
                    .when(record(t(20), stranger), NOW)
                    .then(received(JOINED_BY_KEY, stranger, t(20), NOW));
        }

        @Test
        void givenTheResolutionWasRecorded_whenItArrivesAgain_thenNothingHappens() {
            Alert resolution = resolution("fp-1", Severity.P1, T0, t(18));

            given(declared(T0), received(OPENED_INCIDENT, FP1, t(1)), received(MATCHED_BY_FINGERPRINT, resolution, t(20)),
                    new IncidentResolved(ID, PROMETHEUS, "resolved by the integration", t(18), t(20)))
                    .when(record(t(25), resolution), NOW)
                    .thenNothingHappens();
        }
    }

    @Nested
    class Times {

        @Test
        void givenDetectedAtT0_whenTheAlertsOccurredBeforeDetection_thenTheyAreDatedAtDetection() {
            Alert early = firing("fp-1", Severity.P1, t(-10));

            given(declared(T0))
                    .when(record(t(-5), early), NOW)
                    .then(received(JOINED_BY_KEY, early, T0, NOW));
        }

        @Test
        void givenAnOccurredAtAfterTheRecordingInstant_whenRecording_thenTheyAreDatedAtTheRecordingInstant() {
            given(declared(T0))
                    .when(record(NOW.plusSeconds(30), FP1), NOW)
                    .then(received(JOINED_BY_KEY, FP1, NOW, NOW));
        }

        @Test
        void givenNoOccurredAt_whenRecording_thenTheyAreDatedAtTheRecordingInstant() {
            given(declared(T0))
                    .when(record(null, FP1), NOW)
                    .then(received(JOINED_BY_KEY, FP1, NOW, NOW));
        }
    }

    @Nested
    class Evolving {

        @Test
        void givenAlertsReceived_whenFolding_thenEachAlertIsTrackedByFingerprintWithItsStartAndStatus() {
            Incident state = IncidentDecider.fold(List.of(declared(T0), received(OPENED_INCIDENT, FP1, t(1)),
                    received(JOINED_BY_KEY, FP2, t(1)),
                    received(MATCHED_BY_FINGERPRINT, resolution("fp-2", Severity.P1, T0, t(8)), t(9))));

            assertThat(state.alerts()).containsExactly(
                    entry("fp-1", new TrackedAlert(T0, AlertStatus.FIRING)),
                    entry("fp-2", new TrackedAlert(T0, AlertStatus.RESOLVED)));
        }

        @Test
        void givenOneOfTwoAlertsResolved_whenFolding_thenOneIsFiring() {
            Incident state = IncidentDecider.fold(List.of(declared(T0), received(OPENED_INCIDENT, FP1, t(1)),
                    received(JOINED_BY_KEY, FP2, t(1)),
                    received(MATCHED_BY_FINGERPRINT, resolution("fp-2", Severity.P1, T0, t(8)), t(9))));

            assertThat(state.firingAlerts()).isEqualTo(1);
        }

        @Test
        void givenANewOccurrence_whenFolding_thenItReplacesTheOldOne() {
            Incident state = IncidentDecider.fold(List.of(declared(T0), received(OPENED_INCIDENT, FP1, t(1)),
                    received(JOINED_BY_KEY, firing("fp-1", Severity.P1, t(20)), t(21))));

            assertThat(state.alerts()).containsExactly(entry("fp-1", new TrackedAlert(t(20), AlertStatus.FIRING)));
        }

        @Test
        void givenAnAlertReceived_whenFolding_thenOnlyTheAlertsAndVersionChange() {
            Incident before = IncidentDecider.fold(List.of(declared(T0)));

            Incident after = IncidentDecider.evolve(before, received(OPENED_INCIDENT, FP1, t(1)));

            assertThat(after).usingRecursiveComparison().ignoringFields("alerts", "version").isEqualTo(before);
            assertThat(after.version()).isEqualTo(before.version() + 1);
        }
    }

    @Nested
    class Timeline {

        @Test
        void givenAnAlertThatOpenedTheIncident_whenSummarised_thenItNamesTheAlertTheRuleTheKeyAndOpened() {
            String summary = IncidentTimeline.summary(received(OPENED_INCIDENT, FP1, t(1)));

            assertThat(summary)
                    .startsWith("prometheus-prod received alert HighErrorRate firing")
                    .contains("fp-1", RULE, "'" + KEY + "'", "opened");
        }

        @Test
        void givenAnAlertThatJoinedByKey_whenSummarised_thenItNamesTheRuleTheKeyAndJoined() {
            String summary = IncidentTimeline.summary(received(JOINED_BY_KEY, FP1, t(1)));

            assertThat(summary).contains(RULE, "'" + KEY + "'", "joined").doesNotContain("opened");
        }

        @Test
        void givenAResolutionMatchedByFingerprint_whenSummarised_thenItSaysTheAlertResolvesOneOfTheIncident() {
            String summary = IncidentTimeline.summary(
                    received(MATCHED_BY_FINGERPRINT, resolution("fp-1", Severity.P1, T0, t(18)), t(20)));

            assertThat(summary)
                    .startsWith("prometheus-prod received alert HighErrorRate resolved")
                    .contains("fp-1", "resolves")
                    .doesNotContain("opened", "joined");
        }
    }
}

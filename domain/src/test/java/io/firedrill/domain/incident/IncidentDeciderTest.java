package io.firedrill.domain.incident;

import static io.firedrill.domain.incident.IncidentFixtures.ALICE;
import static io.firedrill.domain.incident.IncidentFixtures.ANOTHER;
import static io.firedrill.domain.incident.IncidentFixtures.BOB;
import static io.firedrill.domain.incident.IncidentFixtures.ID;
import static io.firedrill.domain.incident.IncidentFixtures.NUMBER;
import static io.firedrill.domain.incident.IncidentFixtures.ORIGINAL;
import static io.firedrill.domain.incident.IncidentFixtures.SERVICES;
import static io.firedrill.domain.incident.IncidentFixtures.T0;
import static io.firedrill.domain.incident.IncidentFixtures.TITLE;
import static io.firedrill.domain.incident.IncidentFixtures.acknowledged;
import static io.firedrill.domain.incident.IncidentFixtures.acknowledgedHistory;
import static io.firedrill.domain.incident.IncidentFixtures.declare;
import static io.firedrill.domain.incident.IncidentFixtures.declared;
import static io.firedrill.domain.incident.IncidentFixtures.detected;
import static io.firedrill.domain.incident.IncidentFixtures.duplicateHistory;
import static io.firedrill.domain.incident.IncidentFixtures.mitigating;
import static io.firedrill.domain.incident.IncidentFixtures.recovered;
import static io.firedrill.domain.incident.IncidentFixtures.reopenedHistory;
import static io.firedrill.domain.incident.IncidentFixtures.responderAdded;
import static io.firedrill.domain.incident.IncidentFixtures.reviewedHistory;
import static io.firedrill.domain.incident.IncidentFixtures.t;
import static io.firedrill.domain.incident.IncidentSpec.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.firedrill.domain.incident.IncidentCommand.AcknowledgeIncident;
import io.firedrill.domain.incident.IncidentCommand.AddNote;
import io.firedrill.domain.incident.IncidentCommand.AddResponder;
import io.firedrill.domain.incident.IncidentCommand.ChangeSeverity;
import io.firedrill.domain.incident.IncidentCommand.CloseAsDuplicate;
import io.firedrill.domain.incident.IncidentCommand.CorrectMilestoneTime;
import io.firedrill.domain.incident.IncidentCommand.DeclareIncident;
import io.firedrill.domain.incident.IncidentCommand.HandOverCommand;
import io.firedrill.domain.incident.IncidentCommand.MarkReviewed;
import io.firedrill.domain.incident.IncidentCommand.PostStatusUpdate;
import io.firedrill.domain.incident.IncidentCommand.RemoveResponder;
import io.firedrill.domain.incident.IncidentCommand.ReopenIncident;
import io.firedrill.domain.incident.IncidentCommand.ResolveIncident;
import io.firedrill.domain.incident.IncidentCommand.StartMitigation;
import io.firedrill.domain.incident.IncidentEvent.CommanderHandedOver;
import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentClosedAsDuplicate;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentReopened;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.IncidentReviewed;
import io.firedrill.domain.incident.IncidentEvent.MilestoneTimeCorrected;
import io.firedrill.domain.incident.IncidentEvent.MitigationStarted;
import io.firedrill.domain.incident.IncidentEvent.NoteAdded;
import io.firedrill.domain.incident.IncidentEvent.ResponderAdded;
import io.firedrill.domain.incident.IncidentEvent.ResponderRemoved;
import io.firedrill.domain.incident.IncidentEvent.SeverityDowngraded;
import io.firedrill.domain.incident.IncidentEvent.SeverityEscalated;
import io.firedrill.domain.incident.IncidentEvent.StatusUpdatePosted;
import io.firedrill.domain.incident.IncidentRuleViolation.Rule;
import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IncidentDeciderTest {

    private static final Instant NOW = t(60);

    @Nested
    class Declaring {

        @Test
        void givenNothing_whenDeclare_thenDeclaredWithTheDeclaringActorAsCommanderAndDetectedNow() {
            Incident state = given()
                    .when(declare(null), T0)
                    .then(new IncidentDeclared(ID, ALICE, NUMBER, TITLE, null, Severity.P1, SERVICES, "alice", Set.of(),
                            T0, false, T0, T0));

            assertThat(state.status()).isEqualTo(IncidentStatus.DETECTED);
            assertThat(state.responders()).containsExactly(entry("alice", ResponderRole.COMMANDER));
            assertThat(state.declaredAt()).isEqualTo(T0);
            assertThat(state.acknowledgedAt()).isNull();
            assertThat(state.version()).isEqualTo(1);
        }

        @Test
        void givenNothing_whenDeclareBackdatedWithEarlierDetection_thenBothInstantsKept() {
            DeclareIncident command = new DeclareIncident(ID, NUMBER, TITLE, "summary", Severity.P0,
                    List.of("checkout", "payments"), "bob", Set.of("db"), t(-10), true, ALICE, t(-2));

            Incident state = given()
                    .when(command, NOW)
                    .then(new IncidentDeclared(ID, ALICE, NUMBER, TITLE, "summary", Severity.P0,
                            List.of("checkout", "payments"), "bob", Set.of("db"), t(-10), true, t(-2), NOW));

            assertThat(state.detectedAt()).isEqualTo(t(-10));
            assertThat(state.declaredAt()).isEqualTo(t(-2));
            assertThat(state.commander()).isEqualTo("bob");
            assertThat(state.drill()).isTrue();
        }

        @Test
        void givenDeclared_whenDeclareAgain_thenRejectedAsAlreadyDeclared() {
            given(detected()).when(declare(null), NOW).thenRejectedWith(Rule.INCIDENT_ALREADY_DECLARED);
        }

        @Test
        void givenNothing_whenAcknowledge_thenRejectedAsNotDeclared() {
            given().when(new AcknowledgeIncident(ID, ALICE, null), NOW).thenRejectedWith(Rule.INCIDENT_NOT_DECLARED);
        }

        @Test
        void givenNothing_whenDeclareDetectedInTheFuture_thenRejectedAsOccurredInFuture() {
            DeclareIncident command = new DeclareIncident(ID, NUMBER, TITLE, null, Severity.P1, SERVICES, null, null,
                    t(61), false, ALICE, null);

            given().when(command, NOW).thenRejectedWith(Rule.OCCURRED_IN_FUTURE);
        }

        @Test
        void givenNothing_whenDeclaredBeforeItWasDetected_thenRejectedAsOccurredBeforeDetection() {
            DeclareIncident command = new DeclareIncident(ID, NUMBER, TITLE, null, Severity.P1, SERVICES, null, null,
                    t(5), false, ALICE, t(1));

            given().when(command, NOW).thenRejectedWith(Rule.OCCURRED_BEFORE_DETECTION);
        }

        @Test
        void givenDeclared_whenCommandNamesAnotherIncident_thenRefusedAsAProgrammingError() {
            Incident state = IncidentDecider.fold(List.of(detected()));

            assertThatThrownBy(() -> IncidentDecider.decide(new AcknowledgeIncident(ANOTHER, ALICE, null), state, NOW))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("incidentId");
        }
    }

    @Nested
    class Acknowledging {

        @Test
        void givenDetected_whenAcknowledge_thenAcknowledged() {
            Incident state = given(detected())
                    .when(new AcknowledgeIncident(ID, BOB, null), t(3))
                    .then(new IncidentAcknowledged(ID, BOB, t(3), t(3)));

            assertThat(state.acknowledgedAt()).isEqualTo(t(3));
            assertThat(state.status()).isEqualTo(IncidentStatus.DETECTED);
        }

        @Test
        void givenAcknowledged_whenAcknowledgeAgain_thenNothingHappens() {
            given(acknowledgedHistory()).when(new AcknowledgeIncident(ID, BOB, null), NOW).thenNothingHappens();
        }

        @Test
        void givenMitigating_whenAcknowledge_thenNothingHappens() {
            given(mitigating()).when(new AcknowledgeIncident(ID, BOB, null), NOW).thenNothingHappens();
        }
    }

    @Nested
    class Backdating {

        @Test
        void givenDetected_whenAcknowledgementIsBackdated_thenItOccurredThenAndWasRecordedNow() {
            given(detected())
                    .when(new AcknowledgeIncident(ID, BOB, t(2)), NOW)
                    .then(new IncidentAcknowledged(ID, BOB, t(2), NOW));
        }

        @Test
        void givenDetected_whenOccurredAfterNow_thenRejectedAsOccurredInFuture() {
            given(detected()).when(new AddNote(ID, BOB, "later", false, t(61)), NOW)
                    .thenRejectedWith(Rule.OCCURRED_IN_FUTURE);
        }

        @Test
        void givenDetected_whenOccurredBeforeDetection_thenRejectedAsOccurredBeforeDetection() {
            IncidentRuleViolation violation = given(detected())
                    .when(new AcknowledgeIncident(ID, BOB, t(-1)), NOW)
                    .thenRejectedWith(Rule.OCCURRED_BEFORE_DETECTION);

            assertThat(violation).hasMessageContaining(T0.toString());
        }

        @Test
        void givenDetected_whenOccurredExactlyAtDetection_thenAccepted() {
            given(detected())
                    .when(new AcknowledgeIncident(ID, BOB, T0), NOW)
                    .then(new IncidentAcknowledged(ID, BOB, T0, NOW));
        }

        @Test
        void givenAcknowledged_whenMitigationBackdatedBeforeAcknowledgement_thenRejectedAsBeforePreviousMilestone() {
            given(acknowledgedHistory()).when(new StartMitigation(ID, BOB, null, t(1)), NOW)
                    .thenRejectedWith(Rule.OCCURRED_BEFORE_PREVIOUS_MILESTONE);
        }

        @Test
        void givenMitigating_whenResolutionBackdatedBeforeMitigation_thenRejectedAsBeforePreviousMilestone() {
            given(mitigating()).when(new ResolveIncident(ID, BOB, null, t(4)), NOW)
                    .thenRejectedWith(Rule.OCCURRED_BEFORE_PREVIOUS_MILESTONE);
        }

        @Test
        void givenReopened_whenResolutionBackdatedBeforeTheReopen_thenRejectedAsBeforePreviousMilestone() {
            given(reopenedHistory()).when(new ResolveIncident(ID, BOB, null, t(35)), NOW)
                    .thenRejectedWith(Rule.OCCURRED_BEFORE_PREVIOUS_MILESTONE);
        }

        @Test
        void givenRecovered_whenReopenBackdatedBeforeResolution_thenRejectedAsBeforePreviousMilestone() {
            given(recovered()).when(new ReopenIncident(ID, BOB, "back", t(20)), NOW)
                    .thenRejectedWith(Rule.OCCURRED_BEFORE_PREVIOUS_MILESTONE);
        }

        @Test
        void givenRecovered_whenReviewBackdatedBeforeResolution_thenRejectedAsBeforePreviousMilestone() {
            given(recovered()).when(new MarkReviewed(ID, BOB, "pm-1", t(20)), NOW)
                    .thenRejectedWith(Rule.OCCURRED_BEFORE_PREVIOUS_MILESTONE);
        }

        @Test
        void givenMitigating_whenCloseAsDuplicateBackdatedBeforeMitigation_thenRejectedAsBeforePreviousMilestone() {
            given(mitigating()).when(new CloseAsDuplicate(ID, BOB, ORIGINAL, t(4)), NOW)
                    .thenRejectedWith(Rule.OCCURRED_BEFORE_PREVIOUS_MILESTONE);
        }
    }

    @Nested
    class Mitigating {

        @Test
        void givenDetected_whenStartMitigation_thenAcknowledgedImplicitlyAndMitigationStarted() {
            Incident state = given(detected())
                    .when(new StartMitigation(ID, BOB, "rolling back", null), t(4))
                    .then(new IncidentAcknowledged(ID, BOB, t(4), t(4)),
                            new MitigationStarted(ID, BOB, "rolling back", t(4), t(4)));

            assertThat(state.status()).isEqualTo(IncidentStatus.MITIGATING);
            assertThat(state.acknowledgedAt()).isEqualTo(t(4));
            assertThat(state.mitigatedAt()).isEqualTo(t(4));
        }

        @Test
        void givenAcknowledged_whenStartMitigation_thenOnlyMitigationStarted() {
            given(acknowledgedHistory())
                    .when(new StartMitigation(ID, BOB, null, null), t(4))
                    .then(new MitigationStarted(ID, BOB, null, t(4), t(4)));
        }

        @Test
        void givenMitigating_whenStartMitigationAgain_thenNothingHappens() {
            given(mitigating()).when(new StartMitigation(ID, BOB, null, null), NOW).thenNothingHappens();
        }

        @Test
        void givenRecovered_whenStartMitigation_thenRejectedAsIllegalTransitionNamingStatusAndCommand() {
            IncidentRuleViolation violation = given(recovered())
                    .when(new StartMitigation(ID, BOB, null, null), NOW)
                    .thenRejectedWith(Rule.ILLEGAL_TRANSITION);

            assertThat(violation).hasMessageContaining("StartMitigation").hasMessageContaining("RECOVERED");
        }
    }

    @Nested
    class Resolving {

        @Test
        void givenMitigating_whenResolve_thenRecovered() {
            Incident state = given(mitigating())
                    .when(new ResolveIncident(ID, BOB, "rolled back", null), t(30))
                    .then(new IncidentResolved(ID, BOB, "rolled back", t(30), t(30)));

            assertThat(state.status()).isEqualTo(IncidentStatus.RECOVERED);
            assertThat(state.resolvedAt()).isEqualTo(t(30));
        }

        @Test
        void givenDetected_whenResolve_thenAcknowledgedImplicitlyAndRecoveredWithoutMitigationTime() {
            Incident state = given(detected())
                    .when(new ResolveIncident(ID, BOB, "went away", null), t(8))
                    .then(new IncidentAcknowledged(ID, BOB, t(8), t(8)),
                            new IncidentResolved(ID, BOB, "went away", t(8), t(8)));

            assertThat(state.status()).isEqualTo(IncidentStatus.RECOVERED);
            assertThat(state.mitigatedAt()).isNull();
        }

        @Test
        void givenRecovered_whenResolveAgain_thenNothingHappens() {
            given(recovered()).when(new ResolveIncident(ID, BOB, null, null), NOW).thenNothingHappens();
        }
    }

    @Nested
    class Reopening {

        @Test
        void givenRecovered_whenReopen_thenMitigationRestartedAsRegression() {
            Incident state = given(recovered())
                    .when(new ReopenIncident(ID, BOB, "errors are back", null), t(40))
                    .then(new IncidentReopened(ID, BOB, "errors are back", t(40), t(40)));

            assertThat(state.status()).isEqualTo(IncidentStatus.MITIGATING);
            assertThat(state.resolvedAt()).isNull();
            assertThat(state.reopenedAt()).isEqualTo(t(40));
            assertThat(state.regressions()).isEqualTo(1);
            assertThat(state.mitigatedAt()).isEqualTo(t(5));
        }

        @Test
        void givenReopened_whenResolveAndReopenAgain_thenRegressionsCount() {
            Incident state = given(reopenedHistory())
                    .when(new ResolveIncident(ID, BOB, null, null), t(50))
                    .then(new IncidentResolved(ID, BOB, null, t(50), t(50)));
            assertThat(state.resolvedAt()).isEqualTo(t(50));

            List<IncidentEvent> history = new ArrayList<>(List.of(reopenedHistory()));
            history.add(new IncidentResolved(ID, BOB, null, t(50), t(50)));
            Incident twice = given(history.toArray(IncidentEvent[]::new))
                    .when(new ReopenIncident(ID, BOB, "again", null), t(55))
                    .then(new IncidentReopened(ID, BOB, "again", t(55), t(55)));
            assertThat(twice.regressions()).isEqualTo(2);
        }

        @Test
        void givenDetected_whenReopen_thenRejectedAsIllegalTransition() {
            given(detected()).when(new ReopenIncident(ID, BOB, "why", null), NOW)
                    .thenRejectedWith(Rule.ILLEGAL_TRANSITION);
        }

        @Test
        void givenMitigating_whenReopen_thenRejectedAsIllegalTransition() {
            given(mitigating()).when(new ReopenIncident(ID, BOB, "why", null), NOW)
                    .thenRejectedWith(Rule.ILLEGAL_TRANSITION);
        }
    }

    @Nested
    class ChangingSeverity {

        @Test
        void givenP1_whenChangeToP0_thenEscalated() {
            Incident state = given(detected())
                    .when(new ChangeSeverity(ID, BOB, Severity.P0, "all regions", null), NOW)
                    .then(new SeverityEscalated(ID, BOB, Severity.P1, Severity.P0, "all regions", NOW, NOW));

            assertThat(state.severity()).isEqualTo(Severity.P0);
        }

        @Test
        void givenP1_whenChangeToP3_thenDowngraded() {
            Incident state = given(detected())
                    .when(new ChangeSeverity(ID, BOB, Severity.P3, "one customer", null), NOW)
                    .then(new SeverityDowngraded(ID, BOB, Severity.P1, Severity.P3, "one customer", NOW, NOW));

            assertThat(state.severity()).isEqualTo(Severity.P3);
        }

        @Test
        void givenP1_whenChangeToP1_thenNothingHappens() {
            given(detected()).when(new ChangeSeverity(ID, BOB, Severity.P1, "same", null), NOW).thenNothingHappens();
        }
    }

    @Nested
    class Commanding {

        @Test
        void givenAliceCommands_whenHandOverToBob_thenBobCommandsAndAliceStaysAsResponder() {
            Incident state = given(detected())
                    .when(new HandOverCommand(ID, ALICE, "bob", "end of shift", null), NOW)
                    .then(new CommanderHandedOver(ID, ALICE, "alice", "bob", "end of shift", NOW, NOW));

            assertThat(state.commander()).isEqualTo("bob");
            assertThat(state.responders()).containsExactly(
                    entry("alice", ResponderRole.RESPONDER), entry("bob", ResponderRole.COMMANDER));
        }

        @Test
        void givenAliceCommands_whenHandOverToAlice_thenNothingHappens() {
            given(detected()).when(new HandOverCommand(ID, BOB, "alice", null, null), NOW).thenNothingHappens();
        }

        @Test
        void givenDeclared_whenRemoveTheCommander_thenRejected() {
            given(detected()).when(new RemoveResponder(ID, BOB, "alice", null), NOW)
                    .thenRejectedWith(Rule.COMMANDER_CANNOT_BE_REMOVED);
        }
    }

    @Nested
    class Responders {

        @Test
        void givenDeclared_whenAddResponder_thenResponderAdded() {
            Incident state = given(detected())
                    .when(new AddResponder(ID, ALICE, "carol", ResponderRole.SCRIBE, null), NOW)
                    .then(new ResponderAdded(ID, ALICE, "carol", ResponderRole.SCRIBE, NOW, NOW));

            assertThat(state.responders()).containsExactly(
                    entry("alice", ResponderRole.COMMANDER), entry("carol", ResponderRole.SCRIBE));
        }

        @Test
        void givenResponder_whenAddedAgainWithTheSameRole_thenNothingHappens() {
            given(declared(T0), responderAdded("carol", ResponderRole.SCRIBE, t(1)))
                    .when(new AddResponder(ID, ALICE, "carol", ResponderRole.SCRIBE, null), NOW)
                    .thenNothingHappens();
        }

        @Test
        void givenResponder_whenAddedWithAnotherRole_thenRoleChanged() {
            Incident state = given(declared(T0), responderAdded("carol", ResponderRole.SCRIBE, t(1)))
                    .when(new AddResponder(ID, ALICE, "carol", ResponderRole.COMMUNICATIONS, null), NOW)
                    .then(new ResponderAdded(ID, ALICE, "carol", ResponderRole.COMMUNICATIONS, NOW, NOW));

            assertThat(state.responders()).containsEntry("carol", ResponderRole.COMMUNICATIONS).hasSize(2);
        }

        @Test
        void givenDeclared_whenAddSomeoneAsCommander_thenRejectedCommanderOnlyByHandover() {
            given(detected()).when(new AddResponder(ID, ALICE, "carol", ResponderRole.COMMANDER, null), NOW)
                    .thenRejectedWith(Rule.COMMANDER_ONLY_BY_HANDOVER);
        }

        @Test
        void givenDeclared_whenAddTheCommanderWithAnotherRole_thenRejectedCommanderOnlyByHandover() {
            given(detected()).when(new AddResponder(ID, BOB, "alice", ResponderRole.OBSERVER, null), NOW)
                    .thenRejectedWith(Rule.COMMANDER_ONLY_BY_HANDOVER);
        }

        @Test
        void givenDeclared_whenAddTheCommanderAsCommander_thenNothingHappens() {
            given(detected()).when(new AddResponder(ID, BOB, "alice", ResponderRole.COMMANDER, null), NOW)
                    .thenNothingHappens();
        }

        @Test
        void givenResponder_whenRemove_thenRemoved() {
            Incident state = given(declared(T0), responderAdded("carol", ResponderRole.SCRIBE, t(1)))
                    .when(new RemoveResponder(ID, ALICE, "carol", null), NOW)
                    .then(new ResponderRemoved(ID, ALICE, "carol", NOW, NOW));

            assertThat(state.responders()).containsOnlyKeys("alice");
        }

        @Test
        void givenDeclared_whenRemoveUnknownPerson_thenRejectedAsResponderUnknown() {
            given(detected()).when(new RemoveResponder(ID, ALICE, "mallory", null), NOW)
                    .thenRejectedWith(Rule.RESPONDER_UNKNOWN);
        }
    }

    @Nested
    class NotesAndStatusUpdates {

        @Test
        void givenMitigating_whenAddKeyNote_thenNoteAddedWithoutChangingTheState() {
            Incident before = IncidentDecider.fold(List.of(mitigating()));

            Incident after = given(mitigating())
                    .when(new AddNote(ID, BOB, "found the bad deploy", true, t(7)), NOW)
                    .then(new NoteAdded(ID, BOB, "found the bad deploy", true, t(7), NOW));

            assertThat(after).usingRecursiveComparison().ignoringFields("version").isEqualTo(before);
        }

        @Test
        void givenRecovered_whenPostExternalStatusUpdate_thenPosted() {
            given(recovered())
                    .when(new PostStatusUpdate(ID, BOB, Audience.EXTERNAL, "all good", null), NOW)
                    .then(new StatusUpdatePosted(ID, BOB, Audience.EXTERNAL, "all good", NOW, NOW));
        }
    }

    @Nested
    class Duplicates {

        @Test
        void givenMitigating_whenCloseAsDuplicate_thenDuplicateOfTheOriginal() {
            Incident state = given(mitigating())
                    .when(new CloseAsDuplicate(ID, BOB, ORIGINAL, null), NOW)
                    .then(new IncidentClosedAsDuplicate(ID, BOB, ORIGINAL, NOW, NOW));

            assertThat(state.status()).isEqualTo(IncidentStatus.DUPLICATE);
            assertThat(state.duplicateOf()).isEqualTo(ORIGINAL);
            assertThat(state.closedAsDuplicateAt()).isEqualTo(NOW);
        }

        @Test
        void givenRecovered_whenCloseAsDuplicate_thenDuplicate() {
            given(recovered())
                    .when(new CloseAsDuplicate(ID, BOB, ORIGINAL, null), NOW)
                    .then(new IncidentClosedAsDuplicate(ID, BOB, ORIGINAL, NOW, NOW));
        }

        @Test
        void givenDetected_whenCloseAsDuplicateOfItself_thenRejected() {
            given(detected()).when(new CloseAsDuplicate(ID, BOB, ID, null), NOW)
                    .thenRejectedWith(Rule.DUPLICATE_OF_ITSELF);
        }

        @Test
        void givenDuplicate_whenCloseAsDuplicateOfTheSameOriginal_thenNothingHappens() {
            given(duplicateHistory()).when(new CloseAsDuplicate(ID, BOB, ORIGINAL, null), NOW).thenNothingHappens();
        }

        @ParameterizedTest
        @MethodSource("io.firedrill.domain.incident.IncidentFixtures#everyCommandButDeclare")
        void givenDuplicate_whenAnyOtherCommand_thenRejectedAsClosed(IncidentCommand command) {
            IncidentRuleViolation violation = given(duplicateHistory()).when(command, NOW)
                    .thenRejectedWith(Rule.INCIDENT_CLOSED);

            assertThat(violation).hasMessageContaining("DUPLICATE");
        }
    }

    @Nested
    class Reviewing {

        @Test
        void givenRecovered_whenMarkReviewed_thenReviewedWithThePostmortem() {
            Incident state = given(recovered())
                    .when(new MarkReviewed(ID, BOB, "pm-1", null), NOW)
                    .then(new IncidentReviewed(ID, BOB, "pm-1", NOW, NOW));

            assertThat(state.status()).isEqualTo(IncidentStatus.REVIEWED);
            assertThat(state.reviewedAt()).isEqualTo(NOW);
            assertThat(state.postmortemId()).isEqualTo("pm-1");
        }

        @Test
        void givenDetected_whenMarkReviewed_thenRejectedAsIllegalTransition() {
            given(detected()).when(new MarkReviewed(ID, BOB, "pm-1", null), NOW)
                    .thenRejectedWith(Rule.ILLEGAL_TRANSITION);
        }

        @Test
        void givenMitigating_whenMarkReviewed_thenRejectedAsIllegalTransition() {
            given(mitigating()).when(new MarkReviewed(ID, BOB, "pm-1", null), NOW)
                    .thenRejectedWith(Rule.ILLEGAL_TRANSITION);
        }

        @Test
        void givenReviewed_whenMarkReviewedWithTheSamePostmortem_thenNothingHappens() {
            given(reviewedHistory()).when(new MarkReviewed(ID, BOB, "pm-1", null), t(25 * 60)).thenNothingHappens();
        }

        @Test
        void givenReviewed_whenAddNote_thenNoteAdded() {
            given(reviewedHistory())
                    .when(new AddNote(ID, BOB, "follow-up shipped", false, null), t(25 * 60))
                    .then(new NoteAdded(ID, BOB, "follow-up shipped", false, t(25 * 60), t(25 * 60)));
        }

        @Test
        void givenReviewed_whenNoteBackdatedBeforeDetection_thenRejected() {
            given(reviewedHistory()).when(new AddNote(ID, BOB, "x", false, t(-1)), t(25 * 60))
                    .thenRejectedWith(Rule.OCCURRED_BEFORE_DETECTION);
        }

        @ParameterizedTest
        @MethodSource("everyCommandButNotes")
        void givenReviewed_whenAnyCommandButANote_thenRejectedAsClosed(IncidentCommand command) {
            IncidentRuleViolation violation = given(reviewedHistory()).when(command, t(25 * 60))
                    .thenRejectedWith(Rule.INCIDENT_CLOSED);

            assertThat(violation).hasMessageContaining("REVIEWED");
        }

        static Stream<IncidentCommand> everyCommandButNotes() {
            return IncidentFixtures.everyCommandButDeclare().filter(command -> !(command instanceof AddNote));
        }
    }

    @Nested
    class CorrectingMilestones {

        @Test
        void givenRecovered_whenCorrectDetectionEarlier_thenMilestoneTimeCorrected() {
            Incident state = given(recovered())
                    .when(new CorrectMilestoneTime(ID, BOB, TimedMilestone.DETECTED, t(-20), "alert fired earlier",
                            null), NOW)
                    .then(new MilestoneTimeCorrected(ID, BOB, TimedMilestone.DETECTED, T0, t(-20),
                            "alert fired earlier", NOW, NOW));

            assertThat(state.detectedAt()).isEqualTo(t(-20));
        }

        @Test
        void givenRecovered_whenCorrectResolution_thenResolvedAtReplaced() {
            Incident state = given(recovered())
                    .when(new CorrectMilestoneTime(ID, BOB, TimedMilestone.RESOLVED, t(25), "graphs", null), NOW)
                    .then(new MilestoneTimeCorrected(ID, BOB, TimedMilestone.RESOLVED, t(30), t(25), "graphs", NOW,
                            NOW));

            assertThat(state.resolvedAt()).isEqualTo(t(25));
        }

        @Test
        void givenRecovered_whenCorrectResolutionBeforeMitigation_thenRejectedAsOutOfOrder() {
            IncidentRuleViolation violation = given(recovered())
                    .when(new CorrectMilestoneTime(ID, BOB, TimedMilestone.RESOLVED, t(4), "typo", null), NOW)
                    .thenRejectedWith(Rule.CORRECTION_OUT_OF_ORDER);

            assertThat(violation).hasMessageContaining("MITIGATED");
        }

        @Test
        void givenRecovered_whenCorrectResolutionBeforeDetection_thenRejectedAsOutOfOrder() {
            given(recovered())
                    .when(new CorrectMilestoneTime(ID, BOB, TimedMilestone.RESOLVED, t(-5), "typo", null), NOW)
                    .thenRejectedWith(Rule.CORRECTION_OUT_OF_ORDER);
        }

        @Test
        void givenMitigating_whenCorrectDetectionAfterAcknowledgement_thenRejectedAsOutOfOrder() {
            given(mitigating())
                    .when(new CorrectMilestoneTime(ID, BOB, TimedMilestone.DETECTED, t(3), "typo", null), NOW)
                    .thenRejectedWith(Rule.CORRECTION_OUT_OF_ORDER);
        }

        @Test
        void givenMitigating_whenCorrectAcknowledgementAfterMitigationStart_thenRejectedAsOutOfOrder() {
            given(mitigating())
                    .when(new CorrectMilestoneTime(ID, BOB, TimedMilestone.ACKNOWLEDGED, t(6), "typo", null), NOW)
                    .thenRejectedWith(Rule.CORRECTION_OUT_OF_ORDER);
        }

        @Test
        void givenDetected_whenCorrectResolution_thenRejectedAsMilestoneNotReached() {
            given(detected())
                    .when(new CorrectMilestoneTime(ID, BOB, TimedMilestone.RESOLVED, t(5), "typo", null), NOW)
                    .thenRejectedWith(Rule.MILESTONE_NOT_REACHED);
        }

        @Test
        void givenReopened_whenCorrectResolution_thenRejectedAsMilestoneNotReached() {
            given(reopenedHistory())
                    .when(new CorrectMilestoneTime(ID, BOB, TimedMilestone.RESOLVED, t(31), "typo", null), NOW)
                    .thenRejectedWith(Rule.MILESTONE_NOT_REACHED);
        }

        @Test
        void givenAcknowledged_whenCorrectToTheSameInstant_thenNothingHappens() {
            given(acknowledgedHistory())
                    .when(new CorrectMilestoneTime(ID, BOB, TimedMilestone.ACKNOWLEDGED, t(2), "check", null), NOW)
                    .thenNothingHappens();
        }

        @Test
        void givenAcknowledged_whenCorrectToAfterNow_thenRejectedAsOccurredInFuture() {
            given(acknowledgedHistory())
                    .when(new CorrectMilestoneTime(ID, BOB, TimedMilestone.ACKNOWLEDGED, t(61), "typo", null), NOW)
                    .thenRejectedWith(Rule.OCCURRED_IN_FUTURE);
        }

        @Test
        void givenAcknowledged_whenCorrectAcknowledgementLater_thenAcceptedWhileBeforeLaterMilestones() {
            Incident state = given(declared(T0), acknowledged(t(2)))
                    .when(new CorrectMilestoneTime(ID, BOB, TimedMilestone.ACKNOWLEDGED, t(8), "pager log", null), NOW)
                    .then(new MilestoneTimeCorrected(ID, BOB, TimedMilestone.ACKNOWLEDGED, t(2), t(8), "pager log",
                            NOW, NOW));

            assertThat(state.acknowledgedAt()).isEqualTo(t(8));
        }
    }
}

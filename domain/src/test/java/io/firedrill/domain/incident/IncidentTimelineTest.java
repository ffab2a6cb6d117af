package io.firedrill.domain.incident;

import static io.firedrill.domain.incident.IncidentFixtures.ALICE;
import static io.firedrill.domain.incident.IncidentFixtures.BOB;
import static io.firedrill.domain.incident.IncidentFixtures.ID;
import static io.firedrill.domain.incident.IncidentFixtures.NUMBER;
import static io.firedrill.domain.incident.IncidentFixtures.ORIGINAL;
import static io.firedrill.domain.incident.IncidentFixtures.SERVICES;
import static io.firedrill.domain.incident.IncidentFixtures.T0;
import static io.firedrill.domain.incident.IncidentFixtures.TITLE;
import static io.firedrill.domain.incident.IncidentFixtures.acknowledged;
import static io.firedrill.domain.incident.IncidentFixtures.closedAsDuplicate;
import static io.firedrill.domain.incident.IncidentFixtures.declared;
import static io.firedrill.domain.incident.IncidentFixtures.mitigationStarted;
import static io.firedrill.domain.incident.IncidentFixtures.reopened;
import static io.firedrill.domain.incident.IncidentFixtures.resolved;
import static io.firedrill.domain.incident.IncidentFixtures.responderAdded;
import static io.firedrill.domain.incident.IncidentFixtures.reviewed;
import static io.firedrill.domain.incident.IncidentFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.domain.incident.IncidentEvent.CommanderHandedOver;
import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.MilestoneTimeCorrected;
import io.firedrill.domain.incident.IncidentEvent.MitigationStarted;
import io.firedrill.domain.incident.IncidentEvent.NoteAdded;
import io.firedrill.domain.incident.IncidentEvent.ResponderRemoved;
import io.firedrill.domain.incident.IncidentEvent.SeverityDowngraded;
import io.firedrill.domain.incident.IncidentEvent.SeverityEscalated;
import io.firedrill.domain.incident.IncidentEvent.StatusUpdatePosted;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Severity;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class IncidentTimelineTest {

    /** One event of every type, each by {@code alice}. */
    static Stream<IncidentEvent> oneEventOfEveryType() {
        return Stream.of(
                declared(T0),
                acknowledged(t(2)),
                mitigationStarted(t(5)),
                resolved(t(30)),
                reopened(t(40)),
                new SeverityEscalated(ID, ALICE, Severity.P1, Severity.P0, null, t(6), t(6)),
                new SeverityDowngraded(ID, ALICE, Severity.P0, Severity.P2, null, t(7), t(7)),
                new CommanderHandedOver(ID, ALICE, "alice", "bob", null, t(8), t(8)),
                responderAdded("carol", ResponderRole.SCRIBE, t(9)),
                new ResponderRemoved(ID, ALICE, "carol", t(10), t(10)),
                new NoteAdded(ID, ALICE, "rolled back", false, t(11), t(11)),
                new StatusUpdatePosted(ID, ALICE, Audience.INTERNAL, "we are on it", t(12), t(12)),
                closedAsDuplicate(t(13)),
                new MilestoneTimeCorrected(ID, ALICE, TimedMilestone.DETECTED, T0, t(-5), null, t(14), t(14)),
                reviewed(t(24 * 60)),
                new IncidentEvent.AlertReceived(ID, ALICE, AlertFixtures.INTEGRATION_ID,
                        AlertFixtures.firing("fp-1", Severity.P2, t(1)), AlertFixtures.RULE, AlertFixtures.KEY,
                        GroupingDecision.JOINED_BY_KEY, t(1), t(1)));
    }

    @Nested
    class Type {

        @Test
        void givenTheSamples_whenListingTheirClasses_thenEveryEventTypeIsCovered() {
            assertThat(oneEventOfEveryType().map(Object::getClass).distinct())
                    .containsExactlyInAnyOrder(IncidentEvent.class.getPermittedSubclasses());
        }
    }

    @Nested
    class Summary {

        @ParameterizedTest
        @MethodSource("io.firedrill.domain.incident.IncidentTimelineTest#oneEventOfEveryType")
        void givenAnEventByAlice_whenSummarising_thenTheSentenceStartsWithHerName(IncidentEvent event) {
            assertThat(IncidentTimeline.summary(event)).startsWith("alice ").doesNotContain("null");
        }

        @Test
        void givenAnEventByAnIntegration_whenSummarising_thenTheIntegrationNameLeadsWithoutItsKind() {
            IncidentEvent event = new IncidentAcknowledged(ID, Actor.integration("alertmanager"), T0, T0);

            assertThat(IncidentTimeline.summary(event)).isEqualTo("alertmanager acknowledged the incident");
        }

        @Test
        void givenDeclared_whenSummarising_thenNumberSeverityAndTitle() {
            assertThat(IncidentTimeline.summary(declared(Severity.P0, T0)))
                    .isEqualTo("alice declared INC-2026-0042 (P0): Checkout returns 500");
        }

        @Test
        void givenDeclaredWithEveryOptionalField_whenSummarising_thenStillOnlyNumberSeverityAndTitle() {
            IncidentDeclared event = new IncidentDeclared(ID, BOB, NUMBER, TITLE, "card payments fail", Severity.P2,
                    SERVICES, "carol", Set.of("db"), t(-10), true, T0, t(1));

            assertThat(IncidentTimeline.summary(event))
                    .isEqualTo("bob declared INC-2026-0042 (P2): Checkout returns 500");
        }

        @Test
        void givenAcknowledged_whenSummarising_thenAliceAcknowledgedTheIncident() {
            assertThat(IncidentTimeline.summary(acknowledged(T0))).isEqualTo("alice acknowledged the incident");
        }

        @Test
        void givenMitigationStartedWithoutNote_whenSummarising_thenNoColon() {
            assertThat(IncidentTimeline.summary(mitigationStarted(T0))).isEqualTo("alice started mitigation");
        }

        @Test
        void givenMitigationStartedWithNote_whenSummarising_thenTheNoteFollowsAColon() {
            MitigationStarted event = new MitigationStarted(ID, BOB, "rolling back", T0, T0);

            assertThat(IncidentTimeline.summary(event)).isEqualTo("bob started mitigation: rolling back");
        }

        @Test
        void givenResolvedWithoutNote_whenSummarising_thenNoColon() {
            assertThat(IncidentTimeline.summary(resolved(T0))).isEqualTo("alice resolved the incident");
        }

        @Test
        void givenResolvedWithNote_whenSummarising_thenTheNoteFollowsAColon() {
            IncidentResolved event = new IncidentResolved(ID, BOB, "rolled back", T0, T0);

            assertThat(IncidentTimeline.summary(event)).isEqualTo("bob resolved the incident: rolled back");
        }

        @Test
        void givenReopened_whenSummarising_thenRegressionAndTheReason() {
            assertThat(IncidentTimeline.summary(reopened(T0)))
                    .isEqualTo("alice reopened the incident (regression): errors are back");
        }

        @Test
        void givenEscalatedWithReason_whenSummarising_thenFromArrowToAndTheReasonInParentheses() {
            SeverityEscalated event = new SeverityEscalated(ID, ALICE, Severity.P1, Severity.P0, "all regions", T0, T0);

            assertThat(IncidentTimeline.summary(event)).isEqualTo("alice escalated severity P1 → P0 (all regions)");
        }

        @Test
        void givenEscalatedWithoutReason_whenSummarising_thenNoParentheses() {
            SeverityEscalated event = new SeverityEscalated(ID, ALICE, Severity.P2, Severity.P1, null, T0, T0);

            assertThat(IncidentTimeline.summary(event)).isEqualTo("alice escalated severity P2 → P1");
        }

        @Test
        void givenDowngradedWithReason_whenSummarising_thenFromArrowToAndTheReasonInParentheses() {
            SeverityDowngraded event = new SeverityDowngraded(ID, BOB, Severity.P0, Severity.P3, "one region only", T0,
                    T0);

            assertThat(IncidentTimeline.summary(event)).isEqualTo("bob downgraded severity P0 → P3 (one region only)");
        }

        @Test
        void givenDowngradedWithoutReason_whenSummarising_thenNoParentheses() {
            SeverityDowngraded event = new SeverityDowngraded(ID, BOB, Severity.P1, Severity.P2, null, T0, T0);

            assertThat(IncidentTimeline.summary(event)).isEqualTo("bob downgraded severity P1 → P2");
        }

        @Test
        void givenHandedOverFromSomeoneWithReason_whenSummarising_thenFromToAndReason() {
            CommanderHandedOver event = new CommanderHandedOver(ID, ALICE, "alice", "bob", "end of shift", T0, T0);

            assertThat(IncidentTimeline.summary(event))
                    .isEqualTo("alice handed command from alice to bob (end of shift)");
        }

        @Test
        void givenHandedOverWithoutPreviousCommanderOrReason_whenSummarising_thenOnlyTo() {
            CommanderHandedOver event = new CommanderHandedOver(ID, ALICE, null, "bob", null, T0, T0);

            assertThat(IncidentTimeline.summary(event)).isEqualTo("alice handed command to bob");
        }

        @Test
        void givenResponderAdded_whenSummarising_thenNameAndRoleInLowerCase() {
            assertThat(IncidentTimeline.summary(responderAdded("carol", ResponderRole.COMMUNICATIONS, T0)))
                    .isEqualTo("alice added carol as communications");
        }

        @ParameterizedTest
        @EnumSource(ResponderRole.class)
        void givenResponderAddedInAnyRole_whenSummarising_thenTheRoleReadsInLowerCase(ResponderRole role) {
            assertThat(IncidentTimeline.summary(responderAdded("carol", role, T0)))
                    .isEqualTo("alice added carol as " + role.name().toLowerCase(Locale.ROOT));
        }

        @Test
        void givenResponderRemoved_whenSummarising_thenRemovedResponderAndName() {
            ResponderRemoved event = new ResponderRemoved(ID, BOB, "carol", T0, T0);

            assertThat(IncidentTimeline.summary(event)).isEqualTo("bob removed responder carol");
        }

        @Test
        void givenPlainNote_whenSummarising_thenNotedAndTheText() {
            NoteAdded event = new NoteAdded(ID, ALICE, "cache flushed", false, T0, T0);

            assertThat(IncidentTimeline.summary(event)).isEqualTo("alice noted: cache flushed");
        }

        @Test
        void givenKeyNote_whenSummarising_thenMarkedAsKey() {
            NoteAdded event = new NoteAdded(ID, ALICE, "root cause found", true, T0, T0);

            assertThat(IncidentTimeline.summary(event)).isEqualTo("alice noted (key): root cause found");
        }

        @Test
        void givenInternalStatusUpdate_whenSummarising_thenAudienceInLowerCaseAndTheText() {
            StatusUpdatePosted event = new StatusUpdatePosted(ID, ALICE, Audience.INTERNAL, "we are on it", T0, T0);

            assertThat(IncidentTimeline.summary(event))
                    .isEqualTo("alice posted an internal status update: we are on it");
        }

        @Test
        void givenExternalStatusUpdate_whenSummarising_thenAudienceInLowerCaseAndTheText() {
            StatusUpdatePosted event = new StatusUpdatePosted(ID, BOB, Audience.EXTERNAL, "fixed", T0, T0);

            assertThat(IncidentTimeline.summary(event)).isEqualTo("bob posted an external status update: fixed");
        }

        @Test
        void givenClosedAsDuplicate_whenSummarising_thenTheOriginalIncidentId() {
            assertThat(IncidentTimeline.summary(closedAsDuplicate(T0)))
                    .isEqualTo("alice closed the incident as a duplicate of " + ORIGINAL.value());
        }

        @Test
        void givenMilestoneCorrectedWithReason_whenSummarising_thenMilestoneBothInstantsAndReason() {
            MilestoneTimeCorrected event = new MilestoneTimeCorrected(ID, BOB, TimedMilestone.DETECTED, T0, t(-5),
                    "alert fired earlier", t(60), t(60));

            assertThat(IncidentTimeline.summary(event)).isEqualTo(
                    "bob corrected detected time from 2026-03-01T10:00:00Z to 2026-03-01T09:55:00Z (alert fired earlier)");
        }

        @Test
        void givenMilestoneCorrectedWithoutReason_whenSummarising_thenNoParentheses() {
            MilestoneTimeCorrected event = new MilestoneTimeCorrected(ID, ALICE, TimedMilestone.MITIGATED, t(5), t(4),
                    null, t(60), t(60));

            assertThat(IncidentTimeline.summary(event))
                    .isEqualTo("alice corrected mitigated time from 2026-03-01T10:05:00Z to 2026-03-01T10:04:00Z");
        }

        @ParameterizedTest
        @EnumSource(TimedMilestone.class)
        void givenAnyMilestoneCorrected_whenSummarising_thenTheMilestoneReadsInLowerCase(TimedMilestone milestone) {
            MilestoneTimeCorrected event = new MilestoneTimeCorrected(ID, ALICE, milestone, t(5), t(4), "r", t(60),
                    t(60));

            assertThat(IncidentTimeline.summary(event))
                    .startsWith("alice corrected " + milestone.name().toLowerCase(Locale.ROOT) + " time from ");
        }

        @Test
        void givenReviewed_whenSummarising_thenThePostmortemAndReviewed() {
            assertThat(IncidentTimeline.summary(reviewed(T0)))
                    .isEqualTo("alice published postmortem pm-1; incident reviewed");
        }

        @Test
        void givenOneEventOfEveryType_whenSummarising_thenEverySentenceIsDifferent() {
            assertThat(oneEventOfEveryType().map(IncidentTimeline::summary).toList()).doesNotHaveDuplicates();
        }
    }
}

package io.firedrill.domain.incident;

import io.firedrill.domain.shared.Severity;
import static io.firedrill.domain.incident.IncidentFixtures.ID;
import static io.firedrill.domain.incident.IncidentFixtures.T0;
import static io.firedrill.domain.incident.IncidentFixtures.acknowledged;
import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.domain.incident.IncidentEvent.CommanderHandedOver;
import io.firedrill.domain.incident.IncidentEvent.IncidentClosedAsDuplicate;
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
import io.firedrill.domain.shared.Actor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentEventTypeNamesTest {

    @Test
    void givenEveryEventType_whenAskingItsStoredName_thenIncidentPrefixAndSimpleNameAndBackAgain() {
        List<String> names = Arrays.stream(IncidentEvent.class.getPermittedSubclasses())
                .map(type -> "incident." + type.getSimpleName())
                .toList();

        assertThat(IncidentEvent.typeNames()).containsExactlyInAnyOrderElementsOf(names);
        for (Class<?> type : IncidentEvent.class.getPermittedSubclasses()) {
            assertThat(IncidentEvent.typeFor("incident." + type.getSimpleName())).contains(type.asSubclass(
                    IncidentEvent.class));
        }
        assertThat(IncidentEvent.typeFor("incident.Unknown")).isEmpty();
    }

    @Test
    void givenAnEvent_whenAskingTypeNameAndVersion_thenExplicitNameAndVersionOne() {
        assertThat(acknowledged(T0).typeName()).isEqualTo("incident.IncidentAcknowledged");
        assertThat(acknowledged(T0).schemaVersion()).isEqualTo(1);
    }

    @Test
    void givenOneEventOfEveryType_whenAskingTypeName_thenTheSwitchMatchesTheRecordItNames() {
        Actor by = Actor.user("alice");
        IncidentId other = IncidentFixtures.ORIGINAL;
        List<IncidentEvent> events = List.of(
                IncidentFixtures.declared(T0),
                acknowledged(T0),
                new MitigationStarted(ID, by, null, T0, T0),
                new IncidentResolved(ID, by, null, T0, T0),
                new IncidentReopened(ID, by, "r", T0, T0),
                new SeverityEscalated(ID, by, Severity.P1, Severity.P0, "r", T0, T0),
                new SeverityDowngraded(ID, by, Severity.P0, Severity.P1, "r", T0, T0),
                new CommanderHandedOver(ID, by, "alice", "bob", null, T0, T0),
                new ResponderAdded(ID, by, "bob", ResponderRole.SCRIBE, T0, T0),
                new ResponderRemoved(ID, by, "bob", T0, T0),
                new NoteAdded(ID, by, "n", false, T0, T0),
                new StatusUpdatePosted(ID, by, Audience.INTERNAL, "s", T0, T0),
                new IncidentClosedAsDuplicate(ID, by, other, T0, T0),
                new MilestoneTimeCorrected(ID, by, TimedMilestone.DETECTED, T0, T0, "r", T0, T0),
                new IncidentReviewed(ID, by, "pm", T0, T0),
                AlertFixtures.received(GroupingDecision.OPENED_INCIDENT, AlertFixtures.firing("fp-1", Severity.P2, T0), T0));

        assertThat(events).extracting(IncidentEvent::getClass).doesNotHaveDuplicates()
                .hasSize(IncidentEvent.class.getPermittedSubclasses().length);
        for (IncidentEvent event : events) {
            assertThat(event.typeName()).isEqualTo("incident." + event.getClass().getSimpleName());
        }
    }

    @Test
    void givenEveryCommandType_whenListingFixtures_thenEachKindButDeclareIsCovered() {
        assertThat(IncidentFixtures.everyCommandButDeclare().map(Object::getClass).distinct().count() + 1)
                .isEqualTo(IncidentCommand.class.getPermittedSubclasses().length);
    }
}

package io.firedrill.application.slice;

import static io.firedrill.application.testing.Contexts.ACME;
import static io.firedrill.application.testing.Contexts.ALICE;
import static io.firedrill.application.testing.Contexts.BOB;
import static io.firedrill.application.testing.Contexts.api;
import static io.firedrill.application.testing.Contexts.idempotent;
import static io.firedrill.application.testing.Incidents.ID;
import static io.firedrill.application.testing.Incidents.NOW;
import static io.firedrill.application.testing.Incidents.declared;
import static io.firedrill.application.testing.Incidents.mitigationStarted;
import static io.firedrill.application.testing.Incidents.resolved;
import static io.firedrill.application.testing.Incidents.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.application.incident.IncidentSlice;
import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.testing.CommandFixture;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentCommand.AcknowledgeIncident;
import io.firedrill.domain.incident.IncidentCommand.AddNote;
import io.firedrill.domain.incident.IncidentCommand.ReopenIncident;
import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentReopened;
import io.firedrill.domain.incident.IncidentEvent.NoteAdded;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.Position;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Commands keep the state of the subjects they decided over, with the marker it is folded up to, and read only the
 * events after it: whatever was appended since, by this instance or another, is still decided over.
 */
class CachedSubjectStatesTest {

    private static final CommandContext ALICE_AT_ACME = api(ACME, ALICE);
    private static final CommandContext BOB_AT_ACME = api(ACME, BOB);

    @AutoClose
    private final CommandFixture fixture = CommandFixture.at(NOW);

    @Test
    void theFirstCommandOnASubjectReadsItsWholeLog_theNextOneOnlyWhatCameAfterTheStateItRead() {
        fixture.given(ALICE_AT_ACME, declared())
                .when(new AcknowledgeIncident(ID, BOB, null), BOB_AT_ACME)
                .then(new IncidentAcknowledged(ID, BOB, NOW, NOW));
        fixture.given(ALICE_AT_ACME)
                .when(new AddNote(ID, BOB, "rolled back v42", false, null), BOB_AT_ACME)
                .then(new NoteAdded(ID, BOB, "rolled back v42", false, NOW, NOW));

        List<CommandFixture.Sourcing> sourcings = incidentSourcings();
        assertThat(sourcings).as("one sourcing per command").hasSize(2);
        assertThat(sourcings.getFirst().condition().start()).as("the first command reads from the start")
                .isEqualTo(Position.START);
        assertThat(sourcings.getFirst().events()).as("the declaration").isEqualTo(1);
        assertThat(sourcings.getLast().condition().start()).as("the second reads after the state the first one read")
                .isNotEqualTo(Position.START);
        assertThat(sourcings.getLast().events()).as("only the first command's acknowledgement").isEqualTo(1);
    }

    @Test
    void eventsAppendedElsewhereAfterTheCachedStateAreDecidedOver() {
        fixture.given(ALICE_AT_ACME, declared())
                .when(new AcknowledgeIncident(ID, BOB, null), BOB_AT_ACME)
                .then(new IncidentAcknowledged(ID, BOB, NOW, NOW));

        // Appended as another instance would: around this instance's cache. Reopening needs the incident recovered.
        Incident after = (Incident) fixture.given(ALICE_AT_ACME, mitigationStarted(t(3)), resolved(t(5)))
                .when(new ReopenIncident(ID, BOB, "errors are back", null), BOB_AT_ACME)
                .then(new IncidentReopened(ID, BOB, "errors are back", NOW, NOW))
                .outcome().state();
        assertThat(after.version()).as("every event folded once: declared, acknowledged, mitigating, resolved, reopened")
                .isEqualTo(5);
        assertThat(after.mitigatedAt()).isEqualTo(t(3));
        assertThat(incidentSourcings().getLast().events())
                .as("only what came after the state the acknowledgement read: itself and the two appended elsewhere")
                .isEqualTo(3);
    }

    @Test
    void aRequestAppliedBeforeTheCachedStateIsStillRecognisedWhenSentAgain() {
        CommandContext request = idempotent(BOB_AT_ACME, "key-1", "hash-1");
        fixture.given(ALICE_AT_ACME, declared())
                .when(new AddNote(ID, BOB, "rolled back v42", false, null), request)
                .then(new NoteAdded(ID, BOB, "rolled back v42", false, NOW, NOW));
        // A later command caches a state folded past the request's events.
        fixture.given(ALICE_AT_ACME)
                .when(new AcknowledgeIncident(ID, BOB, null), BOB_AT_ACME)
                .then(new IncidentAcknowledged(ID, BOB, NOW, NOW));

        fixture.given(ALICE_AT_ACME)
                .when(new AddNote(ID, BOB, "rolled back v42", false, null), request)
                .thenNothingAppended();
    }

    private List<CommandFixture.Sourcing> incidentSourcings() {
        return fixture.sourcings().stream()
                .filter(sourcing -> sourcing.condition().criteria().equals(IncidentSlice.criteria(ACME, ID)))
                .toList();
    }

    @Test
    void commandsAreFoldedAndDecidedOnTheFoldExecutor() {
        fixture.given(ALICE_AT_ACME, declared())
                .when(new AcknowledgeIncident(ID, BOB, null), BOB_AT_ACME)
                .then(new IncidentAcknowledged(ID, BOB, NOW, NOW));

        assertThat(fixture.decidingThreads()).containsExactly(CommandFixture.FOLD_THREAD);
    }
}

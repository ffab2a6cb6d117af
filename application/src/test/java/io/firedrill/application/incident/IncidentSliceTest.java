package io.firedrill.application.incident;

import static io.firedrill.application.testing.Contexts.ACME;
import static io.firedrill.application.testing.Contexts.ALICE;
import static io.firedrill.application.testing.Contexts.BOB;
import static io.firedrill.application.testing.Contexts.GLOBEX;
import static io.firedrill.application.testing.Contexts.api;
import static io.firedrill.application.testing.Contexts.expecting;
import static io.firedrill.application.testing.Contexts.idempotent;
import static io.firedrill.application.testing.Incidents.ID;
import static io.firedrill.application.testing.Incidents.NOW;
import static io.firedrill.application.testing.Incidents.NUMBER;
import static io.firedrill.application.testing.Incidents.SERVICES;
import static io.firedrill.application.testing.Incidents.TITLE;
import static io.firedrill.application.testing.Incidents.acknowledged;
import static io.firedrill.application.testing.Incidents.declared;
import static io.firedrill.application.testing.Incidents.recovered;
import static io.firedrill.application.testing.Incidents.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.VersionMismatch;
import io.firedrill.application.testing.CommandFixture;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentCommand.AcknowledgeIncident;
import io.firedrill.domain.incident.IncidentCommand.AddNote;
import io.firedrill.domain.incident.IncidentCommand.DeclareIncident;
import io.firedrill.domain.incident.IncidentCommand.ReopenIncident;
import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentReopened;
import io.firedrill.domain.incident.IncidentEvent.NoteAdded;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.shared.Severity;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The incident slice's command path: commands through Axon's gateway, events read back from the event store. */
class IncidentSliceTest {

    private static final CommandContext ALICE_AT_ACME = api(ACME, ALICE);
    private static final CommandContext BOB_AT_ACME = api(ACME, BOB);

    @AutoClose
    private final CommandFixture fixture = CommandFixture.at(NOW);

    @Test
    void givenNothing_whenDeclare_thenIncidentDeclaredUnderItsStoredName() {
        fixture.given(ALICE_AT_ACME)
                .when(new DeclareIncident(ID, NUMBER, TITLE, null, Severity.P1, SERVICES, null, Set.of(), null, false,
                        ALICE, null), ALICE_AT_ACME)
                .then(new IncidentDeclared(ID, ALICE, NUMBER, TITLE, null, Severity.P1, SERVICES, "alice", Set.of(),
                        NOW, false, NOW, NOW))
                .storedAs("incident.IncidentDeclared");
    }

    @Test
    void givenDeclared_whenAcknowledge_thenIncidentAcknowledged() {
        fixture.given(ALICE_AT_ACME, declared())
                .when(new AcknowledgeIncident(ID, BOB, null), BOB_AT_ACME)
                .then(new IncidentAcknowledged(ID, BOB, NOW, NOW))
                .storedAs("incident.IncidentAcknowledged");
    }

    @Test
    void givenAcknowledged_whenAcknowledgeAgain_thenNothingAppended() {
        fixture.given(ALICE_AT_ACME, declared(), acknowledged(t(2)))
                .when(new AcknowledgeIncident(ID, BOB, null), BOB_AT_ACME)
                .thenNothingAppended();
    }

    @Test
    void givenRecovered_whenReopen_thenMitigationRestartedWithReason() {
        Incident after = (Incident) fixture.given(ALICE_AT_ACME, recovered())
                .when(new ReopenIncident(ID, BOB, "errors are back", null), BOB_AT_ACME)
                .then(new IncidentReopened(ID, BOB, "errors are back", NOW, NOW))
                .outcome().state();
        assertThat(after.status()).isEqualTo(IncidentStatus.MITIGATING);
    }

    @Test
    void givenDetected_whenReopen_thenIllegalTransition() {
        fixture.given(ALICE_AT_ACME, declared())
                .when(new ReopenIncident(ID, BOB, "errors are back", null), BOB_AT_ACME)
                .thenRule("ILLEGAL_TRANSITION");
    }

    @Test
    void givenNothing_whenAcknowledge_thenNotFound() {
        fixture.given(ALICE_AT_ACME)
                .when(new AcknowledgeIncident(ID, BOB, null), BOB_AT_ACME)
                .thenNotFound();
    }

    @Test
    void givenNoteAddedUnderAnIdempotencyKey_whenTheSameRequestIsSentAgain_thenNothingAppended() {
        CommandContext request = idempotent(BOB_AT_ACME, "key-1", "hash-1");
        fixture.given(ALICE_AT_ACME, declared())
                .and(request, new NoteAdded(ID, BOB, "rolled back v42", false, t(10), t(10)))
                .when(new AddNote(ID, BOB, "rolled back v42", false, null), request)
                .thenNothingAppended();
    }

    @Test
    void givenNoteAddedUnderAnIdempotencyKey_whenTheSameNoteIsSentUnderAnotherKey_thenNoteAddedAgain() {
        CommandContext another = idempotent(BOB_AT_ACME, "key-2", "hash-1");
        fixture.given(ALICE_AT_ACME, declared())
                .and(idempotent(BOB_AT_ACME, "key-1", "hash-1"), new NoteAdded(ID, BOB, "rolled back v42", false, t(10),
                        t(10)))
                .when(new AddNote(ID, BOB, "rolled back v42", false, null), another)
                .then(new NoteAdded(ID, BOB, "rolled back v42", false, NOW, NOW));
    }

    @Test
    void givenVersion2_whenSentExpectingVersion1_thenVersionMismatch() {
        VersionMismatch mismatch = fixture.given(ALICE_AT_ACME, declared(), acknowledged(t(2)))
                .when(new AddNote(ID, BOB, "rolled back v42", false, null), expecting(BOB_AT_ACME, 1))
                .thenVersionMismatch();
        assertThat(mismatch.expected()).isEqualTo(1);
        assertThat(mismatch.actual()).isEqualTo(2);
    }

    @Test
    void givenVersion2_whenSentExpectingVersion2_thenNoteAdded() {
        fixture.given(ALICE_AT_ACME, declared(), acknowledged(t(2)))
                .when(new AddNote(ID, BOB, "rolled back v42", false, null), expecting(BOB_AT_ACME, 2))
                .then(new NoteAdded(ID, BOB, "rolled back v42", false, NOW, NOW));
    }

    @Test
    void givenAnIncidentOfAcme_whenGlobexAcknowledgesIt_thenNotFound() {
        fixture.given(ALICE_AT_ACME, declared())
                .when(new AcknowledgeIncident(ID, BOB, null), api(GLOBEX, BOB))
                .thenNotFound();
    }
}

package io.firedrill.domain.incident;

import static io.firedrill.domain.incident.IncidentFixtures.ALICE;
import static io.firedrill.domain.incident.IncidentFixtures.ID;
import static io.firedrill.domain.incident.IncidentFixtures.NUMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.incident.IncidentCommand.AddNote;
import io.firedrill.domain.incident.IncidentCommand.ChangeSeverity;
import io.firedrill.domain.incident.IncidentCommand.DeclareIncident;
import io.firedrill.domain.incident.IncidentCommand.HandOverCommand;
import io.firedrill.domain.incident.IncidentCommand.ReopenIncident;
import io.firedrill.domain.incident.IncidentCommand.StartMitigation;
import io.firedrill.domain.shared.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class IncidentCommandValidationTest {

    private static DeclareIncident declare(String title, List<String> services, Set<String> tags) {
        return new DeclareIncident(ID, NUMBER, title, null, Severity.P2, services, null, tags, null, false, ALICE,
                null);
    }

    private static void refused(ThrowingCallable creation, String message) {
        assertThatThrownBy(creation).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void givenBlankOrLongTitle_whenDeclaring_thenRefusedNamingTitle() {
        refused(() -> declare(" ", List.of("api"), null), "title must not be blank");
        refused(() -> declare(null, List.of("api"), null), "title must not be blank");
        refused(() -> declare("x".repeat(201), List.of("api"), null), "title must be at most 200 characters");
        assertThat(declare("x".repeat(200), List.of("api"), null).title()).hasSize(200);
    }

    @Test
    void givenBadServices_whenDeclaring_thenRefusedNamingServices() {
        refused(() -> declare("t", List.of(), null), "services must name at least one service");
        refused(() -> declare("t", null, null), "services must not be null");
        refused(() -> declare("t", List.of("api", " "), null), "services must not contain blank entries");
        refused(() -> declare("t", List.of("api", "api"), null), "services must be distinct: 'api' appears twice");
        List<String> many = IntStream.range(0, 51).mapToObj(i -> "s" + i).toList();
        refused(() -> declare("t", many, null), "services must name at most 50 services");
    }

    @Test
    void givenBadTags_whenDeclaring_thenRefusedNamingTags() {
        Set<String> blank = new HashSet<>(List.of(""));
        refused(() -> declare("t", List.of("api"), blank), "tags must not contain blank entries");
        refused(() -> declare("t", List.of("api"), Set.of("x".repeat(101))), "tags entries must be at most 100 characters");
    }

    @Test
    void givenOptionalFieldsBlank_whenDeclaring_thenTheyAreAbsent() {
        DeclareIncident command = new DeclareIncident(ID, NUMBER, "t", " ", Severity.P2, List.of("api"), "", null,
                null, false, ALICE, null);

        assertThat(command.summary()).isNull();
        assertThat(command.commander()).isNull();
        assertThat(command.tags()).isEmpty();
    }

    @Test
    void givenMutableServices_whenDeclaring_thenTheCommandKeepsItsOwnCopy() {
        List<String> services = new ArrayList<>(List.of("api"));
        DeclareIncident command = declare("t", services, null);

        services.add("db");

        assertThat(command.services()).containsExactly("api");
    }

    @Test
    void givenMissingSeverity_whenDeclaring_thenRefusedNamingSeverity() {
        refused(() -> new DeclareIncident(ID, NUMBER, "t", null, null, List.of("api"), null, null, null, false, ALICE,
                null), "severity must not be null");
    }

    @Test
    void givenReopenWithoutReason_whenCreating_thenRefusedNamingReason() {
        refused(() -> new ReopenIncident(ID, ALICE, " ", null), "reason must not be blank");
        refused(() -> new ChangeSeverity(ID, ALICE, Severity.P0, null, null), "reason must not be blank");
        refused(() -> new ReopenIncident(ID, ALICE, "x".repeat(2001), null), "reason must be at most 2000 characters");
    }

    @Test
    void givenTooLongTexts_whenCreating_thenRefusedNamingTheField() {
        refused(() -> new AddNote(ID, ALICE, "x".repeat(10_001), false, null), "text must be at most 10000 characters");
        refused(() -> new AddNote(ID, ALICE, "", false, null), "text must not be blank");
        refused(() -> new StartMitigation(ID, ALICE, "x".repeat(10_001), null), "note must be at most 10000 characters");
        refused(() -> new HandOverCommand(ID, ALICE, " ", null, null), "commander must not be blank");
        refused(() -> new AddNote(null, ALICE, "x", false, null), "incidentId must not be null");
        refused(() -> new AddNote(ID, null, "x", false, null), "by must not be null");
    }
}

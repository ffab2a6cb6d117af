package io.firedrill.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.incident.IncidentCommand.DeclareIncident;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentNumber;
import io.firedrill.domain.postmortem.PostmortemCommand.RequestChanges;
import io.firedrill.domain.postmortem.PostmortemId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Commands refuse text no store can hold, whichever adapter built them, naming the field. */
class ControlCharactersTest {

    private static final IncidentId ID = new IncidentId(UUID.fromString("6f1c2f9e-3b1a-4c55-9d0e-1a2b3c4d5e6f"));

    @Test
    void tabLineFeedAndReturnAreText() {
        assertThat(ControlCharacters.first("a\tb\nc\r")).isEqualTo(-1);
    }

    @Test
    void nulBellDeleteAndC1AreControlCharacters() {
        assertThat(ControlCharacters.first("a\u0000")).isZero();
        assertThat(ControlCharacters.first("a\u0007")).isEqualTo(7);
        assertThat(ControlCharacters.first("a\u007f")).isEqualTo(0x7f);
        assertThat(ControlCharacters.first("a\u0085")).isEqualTo(0x85);
    }

    @Test
    void givenANulInATitle_whenDeclaring_thenRefusedNamingTheTitle() {
        assertThatThrownBy(() -> declare("Checkout\u0000errors", List.of("checkout")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("title must not contain control characters (found U+0000)");
    }

    @Test
    void givenANulInAService_whenDeclaring_thenRefusedNamingTheServices() {
        assertThatThrownBy(() -> declare("Checkout errors", List.of("check\u0000out")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("services entries must not contain control characters");
    }

    @Test
    void givenANulInAReviewComment_whenRequestingChanges_thenRefusedNamingTheComment() {
        assertThatThrownBy(() -> new RequestChanges(PostmortemId.forIncident(ID), Actor.user("bob"), "why\u0000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("comment must not contain control characters");
    }

    private static DeclareIncident declare(String title, List<String> services) {
        return new DeclareIncident(ID, IncidentNumber.of(2026, 1), title, null, Severity.P1, services, null, Set.of(),
                null, false, Actor.user("alice"), Instant.parse("2026-12-01T10:00:00Z"));
    }
}

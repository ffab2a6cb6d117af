package io.firedrill.application.incident;

import static io.firedrill.application.testing.SliceFixture.ALICE;
import static io.firedrill.application.testing.SliceFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.VersionMismatch;
import io.firedrill.application.testing.SliceFixture;
import io.firedrill.domain.incident.IncidentCommand.AcknowledgeIncident;
import io.firedrill.domain.incident.IncidentCommand.DeclareIncident;
import io.firedrill.domain.incident.IncidentCommand.ReopenIncident;
import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentNumber;
import io.firedrill.domain.shared.Severity;
import io.firedrill.domain.shared.Source;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.TaggedEventMessage;
import org.axonframework.messaging.eventstreaming.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The incident command path without Quarkus or a database: events given, a command sent, events or a rule expected. */
class IncidentCommandPathTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant NOW = T0.plusSeconds(600);
    private static final IncidentId ID = new IncidentId(UUID.fromString("6f1c2f9e-3b1a-4c55-9d0e-1a2b3c4d5e6f"));
    private static final IncidentNumber NUMBER = IncidentNumber.of(2026, 7);

    private final SliceFixture fixture = SliceFixture.at(NOW);

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static IncidentDeclared declared() {
        return new IncidentDeclared(ID, ALICE, NUMBER, "Checkout errors", null, Severity.P1, List.of("checkout"),
                "alice", Set.of(), T0, false, T0, T0);
    }

    @Test
    void givenNothing_whenDeclare_thenIncidentDeclaredTaggedWithTheIncidentAndTheTenant() {
        fixture.given()
                .when(new DeclareIncident(ID, NUMBER, "Checkout errors", null, Severity.P1, List.of("checkout"), null,
                        Set.of(), T0, false, ALICE, T0))
                .then(new IncidentDeclared(ID, ALICE, NUMBER, "Checkout errors", null, Severity.P1, List.of("checkout"),
                        "alice", Set.of(), T0, false, T0, NOW));

        TaggedEventMessage<?> stored = fixture.appendedMessages().getFirst();
        assertThat(stored.event().type().name()).isEqualTo("incident.IncidentDeclared");
        assertThat(stored.event().type().version()).isEqualTo("1");
        assertThat(stored.tags()).containsExactlyInAnyOrder(Tag.of("incidentId", ID.toString()), Tag.of("tenant", "acme"));
        assertThat(stored.event().metadata()).containsEntry("tenant", "acme").containsEntry("actor", ALICE.toString())
                .containsEntry("source", "api");
    }

    @Test
    void givenDeclared_whenAcknowledge_thenIncidentAcknowledged() {
        fixture.given(declared())
                .when(new AcknowledgeIncident(ID, ALICE, null))
                .then(new IncidentAcknowledged(ID, ALICE, NOW, NOW));
    }

    @Test
    void givenAcknowledged_whenAcknowledgeAgain_thenNothingHappens() {
        fixture.given(declared(), new IncidentAcknowledged(ID, ALICE, T0.plusSeconds(60), T0.plusSeconds(60)))
                .when(new AcknowledgeIncident(ID, ALICE, null))
                .thenNothingHappens();
    }

    @Test
    void givenDetected_whenReopen_thenIllegalTransition() {
        fixture.given(declared())
                .when(new ReopenIncident(ID, ALICE, "flapping", null))
                .thenRule("ILLEGAL_TRANSITION");
    }

    @Test
    void givenNothing_whenAcknowledge_thenNotFound() {
        fixture.given()
                .when(new AcknowledgeIncident(ID, ALICE, null))
                .thenNotFound();
    }

    @Test
    void givenAnotherTenantsIncident_whenAcknowledge_thenNotFound() {
        fixture.given(new TenantId("globex"), declared())
                .when(new AcknowledgeIncident(ID, ALICE, null))
                .thenNotFound();
    }

    @Test
    void givenTheRequestWasAppliedUnderItsKey_whenSentAgain_thenNothingHappens() {
        CommandContext keyed = new CommandContext(TENANT, ALICE, Source.API, null, "key-1", "hash-1");
        fixture.given(declared())
                .when(new AcknowledgeIncident(ID, ALICE, null), keyed)
                .then(new IncidentAcknowledged(ID, ALICE, NOW, NOW));

        fixture.when(new AcknowledgeIncident(ID, ALICE, null), keyed).thenNothingHappens();
    }

    @Test
    void givenVersionOne_whenSentExpectingVersionTwo_thenVersionMismatch() {
        fixture.given(declared())
                .when(new AcknowledgeIncident(ID, ALICE, null), new CommandContext(TENANT, ALICE, Source.API, 2L, null, null))
                .thenFails(VersionMismatch.class);
    }
}

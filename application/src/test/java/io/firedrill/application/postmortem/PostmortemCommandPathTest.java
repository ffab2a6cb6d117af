package io.firedrill.application.postmortem;

import static io.firedrill.application.testing.SliceFixture.ALICE;

import io.firedrill.application.testing.SliceFixture;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.postmortem.PostmortemCommand.PublishPostmortem;
import io.firedrill.domain.postmortem.PostmortemId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Publishing, the one decision over two subjects, without Quarkus or a database. */
class PostmortemCommandPathTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final IncidentId INCIDENT = new IncidentId(UUID.fromString("6f1c2f9e-3b1a-4c55-9d0e-1a2b3c4d5e6f"));

    private final SliceFixture fixture = SliceFixture.at(NOW);

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void givenNoDraft_whenPublish_thenNotFound() {
        fixture.given()
                .when(new PublishPostmortem(PostmortemId.forIncident(INCIDENT), INCIDENT, ALICE))
                .thenNotFound();
    }
}

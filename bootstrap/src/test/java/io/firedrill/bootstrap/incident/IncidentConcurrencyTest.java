package io.firedrill.bootstrap.incident;

import io.firedrill.bootstrap.TestAuth;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.in.incident.RecordedIncidentEvent;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.shared.TenantId;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many commands racing on one incident: each is decided on the state it sourced, a loser is decided
 * again on the fresh state, and the log ends up exactly the facts of the responses that changed something.
 */
@QuarkusTest
class IncidentConcurrencyTest {

    @TestHTTPResource("/api/v1/incidents")
    URI incidents;

    @Inject
    UseCases useCases;

    @Test
    void fiftyConcurrentCommandsLeaveALogThatFoldsIntoAValidStateWithOneFactPerChange() throws Exception {
        String id = given().contentType(ContentType.JSON).header("X-Test-Actor", "alice")
                .body(Map.of("title", "Race", "severity", "P2", "services", List.of("queue")))
                .post(incidents).then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).post(incidents + "/" + id + "/mitigate").then().statusCode(200);

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String command;
            String body;
            switch (i % 3) {
                case 0 -> {
                    command = "resolve";
                    body = "{\"note\":\"looks fine " + i + "\"}";
                }
                case 1 -> {
                    command = "reopen";
                    body = "{\"reason\":\"flapping " + i + "\"}";
                }
                default -> {
                    command = "severity";
                    body = "{\"severity\":\"P" + (i % 4) + "\",\"reason\":\"reassessed " + i + "\"}";
                }
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(incidents + "/" + id + "/" + command))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Authorization", TestAuth.bearer("racer-" + i, "default"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

        long changes = 0;
        int ok = 0;
        for (CompletableFuture<HttpResponse<String>> future : responses) {
            HttpResponse<String> response = future.get();
            assertThat(response.statusCode()).as(response.body()).isIn(200, 409);
            if (response.statusCode() == 200) {
                ok++;
                changes += Long.parseLong(response.headers().firstValue("X-Firedrill-Events-Appended").orElseThrow());
            } else {
                // a reopen that found the incident not RECOVERED; never a lost race
                assertThat(response.body()).contains("\"code\":\"ILLEGAL_TRANSITION\"");
            }
        }
        assertThat(ok).isPositive();

        List<RecordedIncidentEvent> log = useCases.get(IncidentQueries.class).history(TenantId.DEFAULT, IncidentId.of(id)).get(10, TimeUnit.SECONDS);
        // declared, acknowledged and mitigation started before the race
        assertThat(log.size() - 3L).as("stored facts = changes the responses reported").isEqualTo(changes);

        Incident state = Incident.EMPTY;
        for (RecordedIncidentEvent recorded : log) {
            IncidentEvent event = recorded.event();
            if (event instanceof IncidentEvent.IncidentResolved) {
                assertThat(state.status()).as("resolved only when not already recovered").isNotEqualTo(IncidentStatus.RECOVERED);
            }
            if (event instanceof IncidentEvent.IncidentReopened) {
                assertThat(state.status()).as("reopened only when recovered").isEqualTo(IncidentStatus.RECOVERED);
            }
            if (event instanceof IncidentEvent.SeverityEscalated escalated) {
                assertThat(escalated.from()).isEqualTo(state.severity());
            }
            if (event instanceof IncidentEvent.SeverityDowngraded downgraded) {
                assertThat(downgraded.from()).isEqualTo(state.severity());
            }
            state = IncidentDecider.evolve(state, event);
        }
        assertThat(state.version()).isEqualTo(log.size());
        assertThat(state.status()).isIn(IncidentStatus.MITIGATING, IncidentStatus.RECOVERED);
        given().get(incidents + "/" + id).then().statusCode(200).header("ETag", "\"" + log.size() + "\"");
    }
}

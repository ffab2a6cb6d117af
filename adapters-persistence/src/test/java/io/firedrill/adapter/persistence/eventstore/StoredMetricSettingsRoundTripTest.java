package io.firedrill.adapter.persistence.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.application.metrics.MetricsSlice;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.metrics.DurationMetric;
import io.firedrill.domain.metrics.MeasuredIncident;
import io.firedrill.domain.metrics.MetricSettings.DefinitionChosen;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored metric settings fact and the metrics read model's state survive the stored-payload mapper. */
class StoredMetricSettingsRoundTripTest {

    private static final ObjectMapper MAPPER = StoredPayloadMapper.create();

    @Test
    void givenADefinitionChoice_whenWrittenAndReadBackAsTheClassOfItsName_thenEqualWithThePlainTenantAndMetricName()
            throws Exception {
        DefinitionChosen chosen = new DefinitionChosen(new TenantId("acme"), Actor.user("alice"),
                DurationMetric.TIME_TO_RESOLVE, 2, Instant.parse("2026-03-01T10:00:00Z"));

        String json = MAPPER.writeValueAsString(chosen);

        assertThat(MAPPER.readValue(json, MetricsSlice.EVENTS.stored("metrics.DefinitionChosen").orElseThrow().type()))
                .isEqualTo(chosen);
        assertThat(json).contains("\"tenant\":\"acme\"", "\"metric\":\"TIME_TO_RESOLVE\"", "\"definitionVersion\":2");
    }

    @Test
    void givenAMeasuredIncident_whenWrittenAndReadBack_thenEqual() throws Exception {
        MeasuredIncident empty = new MeasuredIncident(Incident.EMPTY, List.of("int-1/HighErrorRate/checkout"));

        assertThat(MAPPER.readValue(MAPPER.writeValueAsString(empty), MeasuredIncident.class)).isEqualTo(empty);
    }
}

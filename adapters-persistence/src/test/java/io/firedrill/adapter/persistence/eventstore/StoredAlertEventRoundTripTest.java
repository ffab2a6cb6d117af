package io.firedrill.adapter.persistence.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firedrill.application.alert.AlertSlice;
import io.firedrill.domain.alert.Alert;
import io.firedrill.domain.alert.AlertEvent.AlertsReceived;
import io.firedrill.domain.alert.AlertEvent;
import io.firedrill.domain.alert.AlertStatus;
import io.firedrill.domain.alert.AutoResolvePolicy;
import io.firedrill.domain.alert.IntegrationId;
import io.firedrill.domain.alert.IntegrationKind;
import io.firedrill.domain.alert.IntegrationSettings;
import io.firedrill.domain.alert.ReceivedAlert;
import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every stored alert type, and the integration settings stored beside them, survive the stored-payload mapper. */
class StoredAlertEventRoundTripTest {

    private static final ObjectMapper MAPPER = StoredPayloadMapper.create();
    private static final IntegrationId INTEGRATION = IntegrationId.parse("5b7d1c2e-0000-4000-8000-000000000001");
    private static final Instant T0 = Instant.parse("2026-11-30T09:58:00Z");

    private static final AlertsReceived FULL = new AlertsReceived(INTEGRATION, "alertmanager-prod",
            IntegrationKind.ALERTMANAGER, "{groupKey}", AutoResolvePolicy.NOTE_ONLY, List.of(
                    new ReceivedAlert(new Alert("bc6e26278d89738a", AlertStatus.RESOLVED, "HighErrorRate", "5xx – “prod”",
                            Severity.P1, "severity=critical → P1", List.of("checkout"),
                            ordered("alertname", "HighErrorRate", "service", "checkout", "severity", "critical"),
                            ordered("summary", "5xx", "runbook_url", "https://runbooks.example"), T0,
                            T0.plusSeconds(600), "http://prometheus.example/graph?g0.expr=x&g0.tab=1"),
                            "{}:{alertname=\"HighErrorRate\"}"),
                    new ReceivedAlert(new Alert("db-lag", AlertStatus.FIRING, "db-lag", null, Severity.P3,
                            "severity missing → P3 (default)", List.of("orders-db"), Map.of(), Map.of(), T0, null, null),
                            "")),
            3, T0.plusSeconds(5));

    @Test
    void givenEveryStoredAlertType_whenWrittenAndReadBackAsTheClassOfItsName_thenEqual() throws Exception {
        assertThat(StoredNames.names(AlertSlice.EVENTS)).containsExactly(StoredNames.nameOf(AlertSlice.EVENTS, FULL));
        for (String name : StoredNames.names(AlertSlice.EVENTS)) {
            Class<? extends AlertEvent> type = StoredNames.typeOf(AlertSlice.EVENTS, name);
            assertThat(MAPPER.readValue(MAPPER.writeValueAsBytes(FULL), type)).isEqualTo(FULL);
        }
    }

    @Test
    void givenADelivery_whenWritten_thenIdsArePlainStringsLabelsKeepTheirOrderAndNothingDerivedIsStored() throws Exception {
        String json = MAPPER.writeValueAsString(FULL);

        assertThat(json)
                .contains("\"integrationId\":\"5b7d1c2e-0000-4000-8000-000000000001\"")
                .contains("\"labels\":{\"alertname\":\"HighErrorRate\",\"service\":\"checkout\",\"severity\":\"critical\"}")
                .contains("\"startsAt\":\"2026-11-30T09:58:00Z\"", "\"endsAt\":null", "\"truncatedAlerts\":3")
                .doesNotContain("typeName", "schemaVersion", "\"value\"");
    }

    @Test
    void givenStoredJsonWithPropertiesFromANewerVersion_whenRead_thenTheyAreIgnored() throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsString(FULL));
        json.put("addedLater", "x");
        ((ObjectNode) json.withArray("alerts").get(0).get("alert")).put("addedLater", 1);

        assertThat(MAPPER.treeToValue(json, AlertsReceived.class)).isEqualTo(FULL);
    }

    @Test
    void givenIntegrationSettings_whenWrittenAndReadBack_thenEqualWithTheMappingInItsOrder() throws Exception {
        Map<String, Severity> mapping = new LinkedHashMap<>();
        mapping.put("warning", Severity.P3);
        mapping.put("critical", Severity.P1);
        IntegrationSettings settings = new IntegrationSettings("grafana-prod", IntegrationKind.GRAFANA, "platform",
                "level", mapping, "{alertname}/{service}", AutoResolvePolicy.RESOLVE_INCIDENT);

        String json = MAPPER.writeValueAsString(settings);
        JsonNode tree = MAPPER.readTree(json);

        assertThat(MAPPER.readValue(json, IntegrationSettings.class)).isEqualTo(settings);
        assertThat(tree.get("severityMapping").fieldNames()).toIterable().containsExactly("warning", "critical");
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}

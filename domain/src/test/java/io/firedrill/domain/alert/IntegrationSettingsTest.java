package io.firedrill.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IntegrationSettingsTest {

    private static final Instant RECEIVED_AT = Instant.parse("2026-03-01T10:05:00Z");
    private static final Instant STARTS_AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final Map<String, Severity> MAPPING = Map.of("critical", Severity.P1, "warning", Severity.P2);

    private static IntegrationSettings settings(IntegrationKind kind, String groupingKey) {
        return new IntegrationSettings("prometheus-prod", kind, "platform", null, MAPPING, groupingKey, null);
    }

    private static IntegrationSettings alertmanager() {
        return settings(IntegrationKind.ALERTMANAGER, null);
    }

    private static IntegrationSettings generic() {
        return settings(IntegrationKind.GENERIC, null);
    }

    private static Alert classified(IntegrationSettings settings, IncomingAlertBuilder in) {
        return settings.classify(in.build(), RECEIVED_AT).alert();
    }

    private static IncomingAlertBuilder alert() {
        return new IncomingAlertBuilder();
    }

    @Nested
    class Defaults {

        @Test
        void givenNoSeverityLabel_whenCreating_thenTheSeverityLabelIsSeverity() {
            assertThat(alertmanager().severityLabel()).isEqualTo("severity");
        }

        @Test
        void givenABlankSeverityLabel_whenCreating_thenTheSeverityLabelIsSeverity() {
            IntegrationSettings settings = new IntegrationSettings("prometheus-prod", IntegrationKind.ALERTMANAGER,
                    "platform", "  ", MAPPING, null, null);

            assertThat(settings.severityLabel()).isEqualTo("severity");
        }

        @ParameterizedTest
        @EnumSource(value = IntegrationKind.class, names = {"ALERTMANAGER", "GRAFANA"})
        void givenAlertmanagerOrGrafanaWithoutGrouping_whenCreating_thenGroupedByGroupKey(IntegrationKind kind) {
            assertThat(settings(kind, null).groupingKey()).isEqualTo("{groupKey}");
        }

        @Test
        void givenGenericWithoutGrouping_whenCreating_thenGroupedByDedupKey() {
            assertThat(generic().groupingKey()).isEqualTo("{dedupKey}");
        }

        @Test
        void givenNoAutoResolvePolicy_whenCreating_thenTheIntegrationResolvesTheIncident() {
            assertThat(alertmanager().autoResolve()).isEqualTo(AutoResolvePolicy.RESOLVE_INCIDENT);
        }

        @Test
        void givenNoSeverityMapping_whenCreating_thenTheMappingIsEmpty() {
            IntegrationSettings settings = new IntegrationSettings("prometheus-prod", IntegrationKind.ALERTMANAGER,
                    "platform", null, null, null, null);

            assertThat(settings.severityMapping()).isEmpty();
        }
    }

    @Nested
    class Validation {

        @Test
        void givenABlankName_whenCreating_thenRejectedNamingName() {
            assertThatThrownBy(() -> new IntegrationSettings(" ", IntegrationKind.GENERIC, "platform", null, null, null,
                    null)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("name ");
        }

        @Test
        void givenANameOverTheMaximum_whenCreating_thenRejectedNamingName() {
            String name = "n".repeat(IntegrationSettings.NAME_MAX + 1);

            assertThatThrownBy(() -> new IntegrationSettings(name, IntegrationKind.GENERIC, "platform", null, null,
                    null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("name ");
        }

        @Test
        void givenNoKind_whenCreating_thenRejectedNamingKind() {
            assertThatThrownBy(() -> new IntegrationSettings("prometheus-prod", null, "platform", null, null, null,
                    null)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("kind ");
        }

        @Test
        void givenNoDefaultService_whenCreating_thenRejectedNamingDefaultService() {
            assertThatThrownBy(() -> new IntegrationSettings("prometheus-prod", IntegrationKind.GENERIC, null, null,
                    null, null, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("defaultService ");
        }

        @Test
        void givenAMappingWithABlankLabelValue_whenCreating_thenRejectedNamingSeverityMapping() {
            assertThatThrownBy(() -> new IntegrationSettings("prometheus-prod", IntegrationKind.GENERIC, "platform",
                    null, Map.of(" ", Severity.P1), null, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("severityMapping");
        }

        @Test
        void givenAMappingWithoutASeverity_whenCreating_thenRejectedNamingSeverityMapping() {
            Map<String, Severity> mapping = new HashMap<>();
            mapping.put("critical", null);

            assertThatThrownBy(() -> new IntegrationSettings("prometheus-prod", IntegrationKind.GENERIC, "platform",
                    null, mapping, null, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("severityMapping");
        }

        @Test
        void givenAMappingOverTheMaximumSize_whenCreating_thenRejectedNamingSeverityMapping() {
            Map<String, Severity> mapping = new LinkedHashMap<>();
            for (int i = 0; i <= IntegrationSettings.MAPPING_MAX; i++) {
                mapping.put("value-" + i, Severity.P2);
            }

            assertThatThrownBy(() -> new IntegrationSettings("prometheus-prod", IntegrationKind.GENERIC, "platform",
                    null, mapping, null, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("severityMapping");
        }

        @Test
        void givenAnInvalidGroupingTemplate_whenCreating_thenRejectedNamingGroupingKey() {
            assertThatThrownBy(() -> settings(IntegrationKind.ALERTMANAGER, "{alert-name}"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("groupingKey");
        }
    }

    @Nested
    class Severities {

        @Test
        void givenAMappedSeverityLabel_whenClassify_thenMappedWithTheReason() {
            Alert alert = classified(alertmanager(), alert().label("severity", "critical"));

            assertThat(alert.severity()).isEqualTo(Severity.P1);
            assertThat(alert.severityReason()).isEqualTo("severity=critical → P1");
        }

        @Test
        void givenTheSeverityInAnotherCase_whenClassify_thenMatchedCaseInsensitively() {
            Alert alert = classified(alertmanager(), alert().label("severity", "CRITICAL"));

            assertThat(alert.severity()).isEqualTo(Severity.P1);
            assertThat(alert.severityReason()).isEqualTo("severity=CRITICAL → P1");
        }

        @Test
        void givenAnExactAndACaseInsensitiveMatch_whenClassify_thenTheExactMatchWins() {
            Map<String, Severity> mapping = new LinkedHashMap<>();
            mapping.put("crit", Severity.P0);
            mapping.put("CRIT", Severity.P1);
            IntegrationSettings settings = new IntegrationSettings("prometheus-prod", IntegrationKind.ALERTMANAGER,
                    "platform", null, mapping, null, null);

            assertThat(classified(settings, alert().label("severity", "CRIT")).severity()).isEqualTo(Severity.P1);
        }

        @Test
        void givenARawSeverityLevelWithoutMapping_whenClassify_thenTakenAsIs() {
            Alert alert = classified(alertmanager(), alert().label("severity", "P2"));

            assertThat(alert.severity()).isEqualTo(Severity.P2);
            assertThat(alert.severityReason()).isEqualTo("severity=P2 → P2");
        }

        @Test
        void givenNoSeverityLabel_whenClassify_thenTheDefaultP3BecauseItIsMissing() {
            Alert alert = classified(alertmanager(), alert().label("alertname", "HighErrorRate"));

            assertThat(alert.severity()).isEqualTo(Severity.P3);
            assertThat(alert.severityReason()).contains("missing");
        }

        @Test
        void givenAnUnmappedSeverityValue_whenClassify_thenTheDefaultP3BecauseItIsNotMapped() {
            Alert alert = classified(alertmanager(), alert().label("severity", "page"));

            assertThat(alert.severity()).isEqualTo(Severity.P3);
            assertThat(alert.severityReason()).contains("page").contains("not mapped");
        }

        @Test
        void givenAConfiguredSeverityLabel_whenClassify_thenThatLabelIsRead() {
            IntegrationSettings settings = new IntegrationSettings("prometheus-prod", IntegrationKind.ALERTMANAGER,
                    "platform", "priority", MAPPING, null, null);

            Alert alert = classified(settings, alert().label("priority", "critical").label("severity", "warning"));

            assertThat(alert.severity()).isEqualTo(Severity.P1);
            assertThat(alert.severityReason()).isEqualTo("priority=critical → P1");
        }

        @Test
        void givenTheGenericSeverityField_whenClassify_thenItWinsOverTheLabel() {
            Alert alert = classified(generic(), alert().label("severity", "warning").severity("critical"));

            assertThat(alert.severity()).isEqualTo(Severity.P1);
            assertThat(alert.severityReason()).isEqualTo("severity=critical → P1");
        }

        @Test
        void givenABlankGenericSeverityField_whenClassify_thenTheLabelIsRead() {
            Alert alert = classified(generic(), alert().label("severity", "critical").severity(" "));

            assertThat(alert.severity()).isEqualTo(Severity.P1);
        }

        @Test
        void givenASeverityWithSurroundingSpaces_whenClassify_thenMappedAsWithout() {
            Alert alert = classified(alertmanager(), alert().label("severity", " critical "));

            assertThat(alert.severity()).isEqualTo(Severity.P1);
            assertThat(alert.severityReason()).isEqualTo("severity=critical → P1");
        }
    }

    @Nested
    class ServicesNameAndSummary {

        @Test
        void givenABlankGenericServiceField_whenClassify_thenTheServiceLabelIsRead() {
            Alert alert = classified(generic(), alert().label("service", "payments").service(""));

            assertThat(alert.services()).containsExactly("payments");
        }

        @Test
        void givenAServiceLabelOverTheNameLimit_whenClassify_thenItIsCutToTheLimit() {
            Alert alert = classified(alertmanager(), alert().label("service", "s".repeat(300)));

            assertThat(alert.services()).containsExactly("s".repeat(IntegrationSettings.NAME_MAX));
        }

        @Test
        void givenAServiceLabel_whenClassify_thenThatServiceIsAffected() {
            assertThat(classified(alertmanager(), alert().label("service", "checkout")).services())
                    .containsExactly("checkout");
        }

        @Test
        void givenNoServiceLabel_whenClassify_thenTheDefaultServiceIsAffected() {
            assertThat(classified(alertmanager(), alert()).services()).containsExactly("platform");
        }

        @Test
        void givenTheGenericServiceField_whenClassify_thenItWinsOverTheLabel() {
            Alert alert = classified(generic(), alert().label("service", "payments").service("checkout"));

            assertThat(alert.services()).containsExactly("checkout");
        }

        @Test
        void givenAnAlertnameLabel_whenClassify_thenItIsTheName() {
            Alert alert = classified(generic(), alert().label("alertname", "HighErrorRate").dedupKey("dk-1"));

            assertThat(alert.name()).isEqualTo("HighErrorRate");
        }

        @Test
        void givenNoAlertnameButADedupKey_whenClassify_thenTheDedupKeyIsTheName() {
            assertThat(classified(generic(), alert().dedupKey("dk-1")).name()).isEqualTo("dk-1");
        }

        @Test
        void givenNeitherAlertnameNorDedupKey_whenClassify_thenTheFingerprintIsTheName() {
            assertThat(classified(alertmanager(), alert().fingerprint("a1b2c3")).name()).isEqualTo("a1b2c3");
        }

        @Test
        void givenTheGenericSummaryField_whenClassify_thenItWinsOverTheAnnotations() {
            Alert alert = classified(generic(), alert().summary("from the field")
                    .annotation("summary", "from the annotation").annotation("description", "a description"));

            assertThat(alert.summary()).isEqualTo("from the field");
        }

        @Test
        void givenASummaryAnnotation_whenClassify_thenItWinsOverTheDescription() {
            Alert alert = classified(alertmanager(), alert()
                    .annotation("summary", "from the annotation").annotation("description", "a description"));

            assertThat(alert.summary()).isEqualTo("from the annotation");
        }

        @Test
        void givenOnlyADescription_whenClassify_thenItIsTheSummary() {
            Alert alert = classified(alertmanager(), alert().annotation("description", "a description"));

            assertThat(alert.summary()).isEqualTo("a description");
        }
    }

    @Nested
    class Times {

        @Test
        void givenAStartInTheFuture_whenClassify_thenItStartsWhenReceived() {
            Alert alert = classified(alertmanager(), alert().startsAt(RECEIVED_AT.plusSeconds(90)));

            assertThat(alert.startsAt()).isEqualTo(RECEIVED_AT);
        }

        @Test
        void givenAStartInThePast_whenClassify_thenTheStartIsKept() {
            assertThat(classified(alertmanager(), alert().startsAt(STARTS_AT)).startsAt()).isEqualTo(STARTS_AT);
        }

        @Test
        void givenAResolvedAlertWithoutEnd_whenClassify_thenItEndsWhenReceived() {
            Alert alert = classified(alertmanager(), alert().status(AlertStatus.RESOLVED));

            assertThat(alert.endsAt()).isEqualTo(RECEIVED_AT);
        }

        @Test
        void givenAResolvedAlertWithAnEnd_whenClassify_thenTheEndIsKept() {
            Instant endsAt = STARTS_AT.plusSeconds(120);

            Alert alert = classified(alertmanager(), alert().status(AlertStatus.RESOLVED).endsAt(endsAt));

            assertThat(alert.endsAt()).isEqualTo(endsAt);
        }

        @Test
        void givenAFiringAlertWithAnEnd_whenClassify_thenItHasNoEnd() {
            Alert alert = classified(alertmanager(), alert().endsAt(RECEIVED_AT.plusSeconds(300)));

            assertThat(alert.endsAt()).isNull();
        }
    }

    @Nested
    class GroupingKeys {

        @Test
        void givenATemplateOfLabels_whenClassify_thenTheKeyRendersFromTheLabels() {
            IntegrationSettings settings = settings(IntegrationKind.ALERTMANAGER, "{alertname}/{service}");

            ReceivedAlert received = settings.classify(
                    alert().label("alertname", "HighErrorRate").label("service", "checkout").build(), RECEIVED_AT);

            assertThat(received.groupingKey()).isEqualTo("HighErrorRate/checkout");
        }

        @Test
        void givenTheAlertmanagerDefault_whenClassify_thenTheKeyIsThePayloadsGroupKey() {
            ReceivedAlert received = alertmanager().classify(alert().groupKey("{}:{alertname=\"X\"}").build(),
                    RECEIVED_AT);

            assertThat(received.groupingKey()).isEqualTo("{}:{alertname=\"X\"}");
        }

        @Test
        void givenTheGenericDefault_whenClassify_thenTheKeyIsTheDedupKey() {
            ReceivedAlert received = generic().classify(alert().dedupKey("dk-1").build(), RECEIVED_AT);

            assertThat(received.groupingKey()).isEqualTo("dk-1");
        }

        @Test
        void givenAFingerprintPlaceholder_whenClassify_thenTheKeyIsTheFingerprint() {
            IntegrationSettings settings = settings(IntegrationKind.GRAFANA, "fp:{fingerprint}");

            ReceivedAlert received = settings.classify(alert().fingerprint("a1b2c3").build(), RECEIVED_AT);

            assertThat(received.groupingKey()).isEqualTo("fp:a1b2c3");
        }

        @Test
        void givenALabelTheAlertLacks_whenClassify_thenItsPartOfTheKeyIsEmpty() {
            IntegrationSettings settings = settings(IntegrationKind.ALERTMANAGER, "{alertname}/{service}");

            ReceivedAlert received = settings.classify(alert().label("alertname", "HighErrorRate").build(),
                    RECEIVED_AT);

            assertThat(received.groupingKey()).isEqualTo("HighErrorRate/");
        }
    }

    /** An incoming alert, firing since {@link #STARTS_AT} with fingerprint {@code fp-1}, unless told otherwise. */
    private static final class IncomingAlertBuilder {

        private String fingerprint = "fp-1";
        private AlertStatus status = AlertStatus.FIRING;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, String> annotations = new LinkedHashMap<>();
        private Instant startsAt = STARTS_AT;
        private Instant endsAt;
        private String groupKey;
        private String dedupKey;
        private String severity;
        private String service;
        private String summary;

        IncomingAlertBuilder fingerprint(String value) {
            fingerprint = value;
            return this;
        }

        IncomingAlertBuilder status(AlertStatus value) {
            status = value;
            return this;
        }

        IncomingAlertBuilder label(String name, String value) {
            labels.put(name, value);
            return this;
        }

        IncomingAlertBuilder annotation(String name, String value) {
            annotations.put(name, value);
            return this;
        }

        IncomingAlertBuilder startsAt(Instant value) {
            startsAt = value;
            return this;
        }

        IncomingAlertBuilder endsAt(Instant value) {
            endsAt = value;
            return this;
        }

        IncomingAlertBuilder groupKey(String value) {
            groupKey = value;
            return this;
        }

        IncomingAlertBuilder dedupKey(String value) {
            dedupKey = value;
            return this;
        }

        IncomingAlertBuilder severity(String value) {
            severity = value;
            return this;
        }

        IncomingAlertBuilder service(String value) {
            service = value;
            return this;
        }

        IncomingAlertBuilder summary(String value) {
            summary = value;
            return this;
        }

        IncomingAlert build() {
            return new IncomingAlert(fingerprint, status, labels, annotations, startsAt, endsAt, null, groupKey,
                    dedupKey, severity, service, summary);
        }
    }
}

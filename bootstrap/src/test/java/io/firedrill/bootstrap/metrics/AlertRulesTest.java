package io.firedrill.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shipped Prometheus rules ({@code deploy/prometheus/firedrill-alerts.yml}) are well formed as far as this build
 * can tell without promtool: every rule has a name, an expression, a duration, a page or ticket severity and a
 * runbook that exists in docs/monitoring.md, and every Firedrill metric it reads is documented there.
 */
class AlertRulesTest {

    private static final Path RULES = Path.of("..", "deploy", "prometheus", "firedrill-alerts.yml");
    private static final Path MONITORING = Path.of("..", "docs", "monitoring.md");
    private static final Pattern FIREDRILL_METRIC = Pattern.compile("\\bfiredrill_[a-z_]+");
    private static final Pattern DURATION = Pattern.compile("\\d+[smhd]");

    @Test
    void everyRuleHasAnExpressionADurationASeverityAndARunbookThatExists() throws Exception {
        JsonNode groups = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile()).get("groups");
        String monitoring = Files.readString(MONITORING);
        Set<String> anchors = new HashSet<>();
        for (String line : monitoring.lines().toList()) {
            if (line.startsWith("### ")) {
                anchors.add(line.substring(4).strip().toLowerCase(Locale.ROOT));
            }
        }
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : groups) {
            for (JsonNode rule : group.get("rules")) {
                String alert = rule.path("alert").asText();
                alerts.add(alert);
                assertThat(alert).as("a rule's name").matches("Firedrill[A-Za-z0-9]+");
                assertThat(rule.path("expr").asText()).as(alert + " expr").isNotBlank();
                assertThat(rule.path("for").asText()).as(alert + " for").matches(DURATION);
                assertThat(rule.path("labels").path("severity").asText()).as(alert + " severity").isIn("page", "ticket");
                assertThat(rule.path("annotations").path("summary").asText()).as(alert + " summary").isNotBlank();
                String runbook = rule.path("annotations").path("runbook_url").asText();
                assertThat(runbook).as(alert + " runbook").endsWith("docs/monitoring.md#" + alert.toLowerCase(Locale.ROOT));
                assertThat(anchors).as(alert + " has a runbook section").contains(alert.toLowerCase(Locale.ROOT));
                Matcher metric = FIREDRILL_METRIC.matcher(rule.path("expr").asText());
                while (metric.find()) {
                    assertThat(monitoring).as(alert + " reads a documented metric").contains("`" + metric.group() + "`");
                }
            }
        }
        assertThat(alerts).doesNotHaveDuplicates().contains("FiredrillProjectionEventsParked");
    }
}

package io.firedrill.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.metrics.MetricSettings.ChooseDefinition;
import io.firedrill.domain.metrics.MetricSettings.DefinitionChosen;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsDomainTest {

    private static final TenantId TENANT = new TenantId("acme");
    private static final Actor ALICE = Actor.user("alice");
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void everyDurationMetricHasAVersionOneThatIsItsDefaultAndFormulasNameTheMilestones() {
        for (DurationMetric metric : DurationMetric.values()) {
            assertThat(metric.defaultDefinition().version()).isEqualTo(1);
            assertThat(metric.definitions()).extracting(DurationMetric.Definition::to).containsOnly(metric.end());
            assertThat(DurationMetric.ofKey(metric.key())).contains(metric);
        }
        assertThat(DurationMetric.TIME_TO_RESOLVE.definition(1).orElseThrow().formula()).isEqualTo("resolvedAt − detectedAt");
        assertThat(DurationMetric.TIME_TO_RESOLVE.definition(2).orElseThrow().formula()).isEqualTo("resolvedAt − declaredAt");
        assertThat(DurationMetric.TIME_TO_REVIEW.definition(2)).isEmpty();
    }

    @Test
    void givenDefaults_whenATenantChoosesVersionTwo_thenOneFactAndItsFiguresUseIt() {
        List<DefinitionChosen> events = MetricSettings.decide(
                new ChooseDefinition(TENANT, ALICE, DurationMetric.TIME_TO_RESOLVE, 2), MetricSettings.DEFAULTS, NOW);

        assertThat(events).containsExactly(new DefinitionChosen(TENANT, ALICE, DurationMetric.TIME_TO_RESOLVE, 2, NOW));
        MetricSettings after = MetricSettings.evolve(MetricSettings.DEFAULTS, events.getFirst());
        assertThat(after.definition(DurationMetric.TIME_TO_RESOLVE).version()).isEqualTo(2);
        assertThat(after.definition(DurationMetric.TIME_TO_ACKNOWLEDGE).version()).isEqualTo(1);
        assertThat(MetricSettings.decide(new ChooseDefinition(TENANT, ALICE, DurationMetric.TIME_TO_RESOLVE, 2), after, NOW))
                .isEmpty();
        assertThat(MetricSettings.decide(new ChooseDefinition(TENANT, ALICE, DurationMetric.TIME_TO_ACKNOWLEDGE, 1),
                MetricSettings.DEFAULTS, NOW)).isEmpty();
    }

    @Test
    void aVersionThatDoesNotExistIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new ChooseDefinition(TENANT, ALICE, DurationMetric.TIME_TO_REVIEW, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("version must be one of [1]");
        assertThatThrownBy(() -> new ChooseDefinition(TENANT, ALICE, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("metric");
    }
}

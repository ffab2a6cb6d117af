package io.firedrill.application.metrics;

import static io.firedrill.application.testing.SliceFixture.ALICE;
import static io.firedrill.application.testing.SliceFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.application.testing.SliceFixture;
import io.firedrill.domain.shared.TenantId;
import io.firedrill.domain.metrics.DurationMetric;
import io.firedrill.domain.metrics.MetricSettings.ChooseDefinition;
import io.firedrill.domain.metrics.MetricSettings.DefinitionChosen;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A tenant's metric settings without Quarkus or a database. */
class MetricSettingsCommandPathTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final SliceFixture fixture = SliceFixture.at(NOW);

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void givenDefaults_whenChooseADefinition_thenDefinitionChosen() {
        fixture.given()
                .when(new ChooseDefinition(TENANT, ALICE, DurationMetric.TIME_TO_RESOLVE, 2))
                .then(new DefinitionChosen(TENANT, ALICE, DurationMetric.TIME_TO_RESOLVE, 2, NOW));
    }

    @Test
    void givenNothing_whenAChoiceNamesAnotherTenant_thenRefusedAndNothingAppended() {
        Throwable refused = fixture.given()
                .when(new ChooseDefinition(new TenantId("globex"), ALICE, DurationMetric.TIME_TO_RESOLVE, 2))
                .thenFails(IllegalArgumentException.class);
        assertThat(refused).hasMessageStartingWith("tenant globex");
    }

    @Test
    void givenTheDefinitionIsChosen_whenChooseItAgain_thenNothingHappens() {
        fixture.given(new DefinitionChosen(TENANT, ALICE, DurationMetric.TIME_TO_RESOLVE, 2, NOW))
                .when(new ChooseDefinition(TENANT, ALICE, DurationMetric.TIME_TO_RESOLVE, 2))
                .thenNothingHappens();
    }
}

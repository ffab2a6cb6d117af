package io.firedrill.application.metrics;

import static io.firedrill.application.testing.Contexts.ACME;
import static io.firedrill.application.testing.Contexts.ALICE;
import static io.firedrill.application.testing.Contexts.BOB;
import static io.firedrill.application.testing.Contexts.GLOBEX;
import static io.firedrill.application.testing.Contexts.api;
import static io.firedrill.application.testing.Incidents.NOW;
import static io.firedrill.application.testing.Incidents.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.testing.CommandFixture;
import io.firedrill.domain.metrics.DurationMetric;
import io.firedrill.domain.metrics.MetricSettings.ChooseDefinition;
import io.firedrill.domain.metrics.MetricSettings.DefinitionChosen;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The metric settings' command path: a tenant's choice of definitions, recorded as facts. */
class MetricsSliceTest {

    private static final CommandContext ALICE_AT_ACME = api(ACME, ALICE);

    @AutoClose
    private final CommandFixture fixture = CommandFixture.at(NOW);

    @Test
    void givenDefaults_whenChooseVersion2OfTimeToResolve_thenDefinitionChosen() {
        fixture.given(ALICE_AT_ACME)
                .when(new ChooseDefinition(ACME, ALICE, DurationMetric.TIME_TO_RESOLVE, 2), ALICE_AT_ACME)
                .then(new DefinitionChosen(ACME, ALICE, DurationMetric.TIME_TO_RESOLVE, 2, NOW))
                .storedAs("metrics.DefinitionChosen");
    }

    @Test
    void givenVersion2Chosen_whenChooseVersion2Again_thenNothingAppended() {
        fixture.given(ALICE_AT_ACME, new DefinitionChosen(ACME, ALICE, DurationMetric.TIME_TO_RESOLVE, 2, t(60)))
                .when(new ChooseDefinition(ACME, BOB, DurationMetric.TIME_TO_RESOLVE, 2), api(ACME, BOB))
                .thenNothingAppended();
    }

    @Test
    void givenNothing_whenAcmeSendsAChoiceNamingGlobex_thenRefusedAndNothingAppended() {
        IllegalArgumentException refused = fixture.given(ALICE_AT_ACME)
                .when(new ChooseDefinition(GLOBEX, ALICE, DurationMetric.TIME_TO_RESOLVE, 2), ALICE_AT_ACME)
                .thenFailedWith(IllegalArgumentException.class);
        assertThat(refused).hasMessageStartingWith("tenant");
    }
}

package io.firedrill.domain.incident;

import static io.firedrill.domain.incident.AlertFixtures.INTEGRATION_ID;
import static io.firedrill.domain.incident.AlertFixtures.KEY;
import static io.firedrill.domain.incident.AlertFixtures.firing;
import static io.firedrill.domain.incident.AlertFixtures.received;
import static io.firedrill.domain.incident.AlertFixtures.resolution;
import static io.firedrill.domain.incident.IncidentFixtures.acknowledged;
import static io.firedrill.domain.incident.IncidentFixtures.declared;
import static io.firedrill.domain.incident.IncidentFixtures.resolved;
import static io.firedrill.domain.incident.IncidentFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.domain.metrics.MeasuredIncident;
import io.firedrill.domain.shared.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics read model's state: the incident's fold without alert memory, plus its alerts' grouping keys. */
class MeasuredIncidentTest {

    @Test
    void givenALogWithAlerts_whenMeasured_thenTheIncidentIsTheFoldWithoutAlertsAndEachKeyIsKeptOnce() {
        List<IncidentEvent> log = List.of(declared(t(0)),
                received(GroupingDecision.OPENED_INCIDENT, firing("a1", Severity.P2, t(0)), t(0)),
                received(GroupingDecision.JOINED_BY_KEY, firing("a2", Severity.P2, t(1)), t(1)),
                acknowledged(t(2)),
                received(GroupingDecision.MATCHED_BY_FINGERPRINT, resolution("a1", Severity.P2, t(0), t(3)), t(3)),
                resolved(t(4)));

        MeasuredIncident measured = MeasuredIncident.EMPTY;
        for (IncidentEvent event : log) {
            measured = MeasuredIncident.evolve(measured, event);
        }

        assertThat(measured.incident().alerts()).isEmpty();
        assertThat(measured.incident()).isEqualTo(IncidentDecider.fold(log).withoutAlerts());
        assertThat(measured.groupingKeys()).containsExactly(INTEGRATION_ID + "/" + KEY);
    }
}

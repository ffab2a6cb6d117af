package io.firedrill.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.firedrill.application.port.in.metrics.MetricFigures.Figures;
import io.firedrill.application.port.in.metrics.MetricFigures.Recurrence;
import io.firedrill.application.port.in.metrics.MetricFigures.Summary;
import io.firedrill.application.port.in.metrics.MetricFigures.TargetFigures;
import io.firedrill.application.port.out.IncidentMetrics.Query;
import io.firedrill.application.port.out.IncidentMetrics;
import io.firedrill.application.port.out.OperationalGauges.Histogram;
import io.firedrill.application.port.out.OperationalGauges.Open;
import io.firedrill.application.port.out.OperationalGauges;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentClosedAsDuplicate;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentNumber;
import io.firedrill.domain.incident.ResponseTargets;
import io.firedrill.domain.metrics.DurationMetric;
import io.firedrill.domain.metrics.MeasuredIncident;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Severity;
import io.firedrill.domain.shared.TenantId;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Drills and duplicates stay out of every production figure of the metrics read model: the incident a later one
 * repeats, the recurrences listed, incident counts and response targets (from incident rows and from rollups),
 * and the monitoring gauges. Rows are written through the read model's port, as the projection does.
 */
@QuarkusTest
class MetricsProductionTest {

    private static final Actor OPS = Actor.user("ops");
    private static final String KEY = "am/HighErrorRate/checkout";
    private static final Instant NOW = Instant.parse("2026-01-28T00:00:00Z");

    @Inject
    IncidentMetrics views;

    @Inject
    OperationalGauges gauges;

    private final TenantId tenant = new TenantId("prod-" + UUID.randomUUID().toString().substring(0, 8));
    private long position;
    private int sequence;

    @Test
    void givenDrillsAndADuplicateSharingAKey_whenSummarised_thenOnlyProductionIncidentsCountAndRepeat() throws Exception {
        // R (01-20) is written first: its earlier incidents arrive later and must still reach it. Between P (01-05)
        // and R, a drill D (01-10) and a duplicate X (01-12) share the key: R repeats P, not them. A later open drill
        // E (01-25) shares it too and is neither counted nor listed.
        IncidentId r = write("2026-01-20T10:00:00Z", false, (id, at) -> List.of(acknowledged(id, at, 20)));
        IncidentId p = write("2026-01-05T10:00:00Z", false,
                (id, at) -> List.of(acknowledged(id, at, 10), resolved(id, at, 120)));
        write("2026-01-10T10:00:00Z", true, (id, at) -> List.of(acknowledged(id, at, 5)));
        write("2026-01-12T10:00:00Z", false, (id, at) -> List.of(acknowledged(id, at, 1), duplicateOf(id, at, p, 2)));
        write("2026-01-25T10:00:00Z", true, (id, at) -> List.of());

        Summary fromRows = summary();
        assertProductionOnly(fromRows, p, r);

        while (views.refreshRollups(100).get(60, TimeUnit.SECONDS) == 100) {
            // the next batch
        }
        Summary fromRollups = summary();
        assertProductionOnly(fromRollups, p, r);
        assertThat(fromRollups).isEqualTo(fromRows);
    }

    @Test
    void givenDrillsAndADuplicate_whenTheGaugesAreRead_thenOnlyProductionIncidentsAreOpenOrInTheHistograms()
            throws Exception {
        write("2026-01-20T10:00:00Z", false, (id, at) -> List.of(acknowledged(id, at, 20)));
        write("2026-01-21T10:00:00Z", false, (id, at) -> List.of(acknowledged(id, at, 10), resolved(id, at, 120)));
        IncidentId original = write("2026-01-22T10:00:00Z", false, (id, at) -> List.of());
        write("2026-01-23T10:00:00Z", true, (id, at) -> List.of(acknowledged(id, at, 5)));
        write("2026-01-24T10:00:00Z", false,
                (id, at) -> List.of(acknowledged(id, at, 1), duplicateOf(id, at, original, 2)));

        OperationalGauges.Snapshot snapshot = gauges.read(NOW, Map.of()).get(30, TimeUnit.SECONDS);

        // open: the first and the third (the drill is open too, and left out)
        assertThat(snapshot.open()).filteredOn(open -> open.tenant().equals(tenant.value()))
                .containsExactly(new Open(tenant.value(), "P2", 2));
        Histogram acknowledge = histogram(snapshot.timeToAcknowledge());
        assertThat(acknowledge.count()).isEqualTo(2);
        assertThat(acknowledge.sumSeconds()).isEqualTo(1_800.0);
        Histogram resolve = histogram(snapshot.timeToResolve());
        assertThat(resolve.count()).isEqualTo(1);
        assertThat(resolve.sumSeconds()).isEqualTo(7_200.0);
    }

    private static void assertProductionOnly(Summary summary, IncidentId p, IncidentId r) {
        assertThat(summary.recurrences().incidents()).as("production incidents detected").isEqualTo(2);
        assertThat(summary.recurrences().recurring()).isEqualTo(1);
        assertThat(summary.recurrences().recurrences()).extracting(Recurrence::incidentId, Recurrence::repeatsIncidentId,
                Recurrence::sharedKeys).containsExactly(tuple(r, p, List.of(KEY)));
        // P: acknowledged after 10 min and resolved after 2 h (met, met); R: acknowledged after 20 min (met), not
        // resolved 7 days after detection (missed; P2's target is 24 h)
        assertThat(summary.targets()).isEqualTo(new TargetFigures(2, 0, 0, 1, 1, 0));
        assertThat(summary.production().get(DurationMetric.TIME_TO_ACKNOWLEDGE))
                .isEqualTo(new Figures(2, 900.0, 900.0, 1_140.0));
        assertThat(summary.drills().get(DurationMetric.TIME_TO_ACKNOWLEDGE)).isEqualTo(new Figures(1, 300.0, 300.0, 300.0));
    }

    private Histogram histogram(List<Histogram> histograms) {
        return histograms.stream().filter(histogram -> histogram.tenant().equals(tenant.value())).findFirst()
                .orElseThrow();
    }

    private Summary summary() throws Exception {
        Map<DurationMetric, DurationMetric.Definition> definitions = new EnumMap<>(DurationMetric.class);
        for (DurationMetric metric : DurationMetric.values()) {
            definitions.put(metric, metric.defaultDefinition());
        }
        return views.summary(new Query(tenant, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z"), null, null, definitions, Duration.ofDays(90),
                ResponseTargets.DEFAULTS, NOW, 10)).get(30, TimeUnit.SECONDS);
    }

    /** The facts of an incident after its declaration. */
    private interface Facts {
        List<IncidentEvent> of(IncidentId id, Instant detected);
    }

    /** Writes the row of a P2 incident of checkout detected {@code detectedAt}, with the key and the facts given. */
    private IncidentId write(String detectedAt, boolean drill, Facts facts) throws Exception {
        IncidentId id = new IncidentId(UUID.randomUUID());
        Instant detected = Instant.parse(detectedAt);
        List<IncidentEvent> events = new ArrayList<>();
        events.add(new IncidentDeclared(id, OPS, IncidentNumber.of(2026, ++sequence), "t", null, Severity.P2,
                List.of("checkout"), "ops", Set.of(), detected, drill, detected, detected));
        events.addAll(facts.of(id, detected));
        MeasuredIncident measured = new MeasuredIncident(IncidentDecider.fold(events), List.of(KEY));
        views.apply(tenant, id, ++position, state -> measured).get(30, TimeUnit.SECONDS);
        return id;
    }

    private static IncidentAcknowledged acknowledged(IncidentId id, Instant detected, long minutes) {
        Instant at = detected.plus(Duration.ofMinutes(minutes));
        return new IncidentAcknowledged(id, OPS, at, at);
    }

    private static IncidentResolved resolved(IncidentId id, Instant detected, long minutes) {
        Instant at = detected.plus(Duration.ofMinutes(minutes));
        return new IncidentResolved(id, OPS, null, at, at);
    }

    private static IncidentClosedAsDuplicate duplicateOf(IncidentId id, Instant detected, IncidentId original,
                                                         long minutes) {
        Instant at = detected.plus(Duration.ofMinutes(minutes));
        return new IncidentClosedAsDuplicate(id, OPS, original, at, at);
    }
}

package io.firedrill.bootstrap.metrics;

import io.firedrill.adapter.persistence.projection.PgParkedEvents;
import io.firedrill.application.port.out.OperationalGauges.Histogram;
import io.firedrill.application.port.out.OperationalGauges.Snapshot;
import io.firedrill.application.port.out.OperationalGauges;
import io.firedrill.bootstrap.axon.EventProcessors;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.Collector;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Exports Firedrill's own figures to Prometheus at {@code /q/metrics}: open incidents by tenant and severity,
 * overdue action items, time to acknowledge and resolve over the last 30 days as gauge histograms, and each
 * event processor's lag and parked events. The figures are read from the database every 15 s by a worker thread and served from
 * memory, so a scrape never waits for the database; {@code firedrill_gauges_refreshed_timestamp_seconds} says
 * how fresh they are.
 */
@ApplicationScoped
public class FiredrillGauges extends Collector {

    private static final Logger LOG = Logger.getLogger(FiredrillGauges.class);

    private final OperationalGauges gauges;
    private final Clock clock;
    private final Instance<PrometheusMeterRegistry> prometheus;
    private final EventProcessors processors;
    private final PgParkedEvents parked;
    private final AtomicReference<Snapshot> latest = new AtomicReference<>();
    /** Parked events per processor as last read; {@code null} before the first read. */
    private final AtomicReference<Map<String, Long>> parkedCounts = new AtomicReference<>();

    @Inject
    public FiredrillGauges(OperationalGauges gauges, Clock clock, Instance<PrometheusMeterRegistry> prometheus,
                           EventProcessors processors, PgParkedEvents parked) {
        this.gauges = gauges;
        this.parked = parked;
        this.processors = processors;
        this.clock = clock;
        this.prometheus = prometheus;
    }

    void register(@Observes StartupEvent ignored) {
        if (prometheus.isResolvable()) {
            prometheus.get().getPrometheusRegistry().register(this);
        } else {
            LOG.warn("No Prometheus registry: Firedrill's gauges are not exported");
        }
    }

    @Scheduled(identity = "firedrill-gauges", every = "{firedrill.metrics.gauges-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            latest.set(gauges.read(clock.instant(), processors.handledEventTypes()).orTimeout(10, TimeUnit.SECONDS).join());
        } catch (RuntimeException e) {
            LOG.warnf("Refreshing Firedrill's gauges failed; Prometheus keeps the previous figures: %s", e.getMessage());
        }
        try {
            parkedCounts.set(parked.counts().orTimeout(10, TimeUnit.SECONDS).join());
        } catch (RuntimeException e) {
            LOG.warnf("Reading the parked events failed; Prometheus keeps the previous figures: %s", e.getMessage());
        }
    }

    /** The figures last read, or {@code null} before the first refresh. */
    public Snapshot latest() {
        return latest.get();
    }

    @Override
    public List<MetricFamilySamples> collect() {
        Snapshot snapshot = latest.get();
        List<MetricFamilySamples> families = new ArrayList<>();
        Map<String, Long> parkedNow = parkedCounts.get();
        if (parkedNow != null) {
            List<MetricFamilySamples.Sample> samples = new ArrayList<>();
            for (String processor : processors.names()) {
                samples.add(new MetricFamilySamples.Sample("firedrill_projection_parked_events", List.of("processor"),
                        List.of(processor), parkedNow.getOrDefault(processor, 0L)));
            }
            families.add(new MetricFamilySamples("firedrill_projection_parked_events", Type.GAUGE,
                    "Events an event processor could not apply and parked, with the later events of their subjects"
                            + " waiting behind them; 0 when none", samples));
        }
        if (snapshot == null) {
            return families;
        }
        List<MetricFamilySamples.Sample> open = new ArrayList<>();
        snapshot.open().forEach(o -> open.add(new MetricFamilySamples.Sample("firedrill_incidents_open",
                List.of("tenant", "severity"), List.of(o.tenant(), o.severity()), o.count())));
        families.add(new MetricFamilySamples("firedrill_incidents_open", Type.GAUGE,
                "Incidents currently detected or being mitigated (drills excluded)", open));
        families.add(perTenant("firedrill_action_items_overdue", "Open action items past their due date",
                snapshot.overdue()));
        families.add(histogram("firedrill_incident_time_to_acknowledge_seconds",
                "Time from detection to acknowledgement of incidents acknowledged in the last 30 days",
                OperationalGauges.ACKNOWLEDGE_BUCKETS, snapshot.timeToAcknowledge()));
        families.add(histogram("firedrill_incident_time_to_resolve_seconds",
                "Time from detection to resolution of incidents resolved in the last 30 days",
                OperationalGauges.RESOLVE_BUCKETS, snapshot.timeToResolve()));
        List<MetricFamilySamples.Sample> lag = new ArrayList<>();
        snapshot.processorLagSeconds().forEach((processor, seconds) -> lag.add(new MetricFamilySamples.Sample(
                "firedrill_processor_lag_seconds", List.of("processor"), List.of(processor), seconds)));
        families.add(new MetricFamilySamples("firedrill_processor_lag_seconds", Type.GAUGE,
                "Age of the oldest event of a type an event processor handles that it has not handled yet, 0 when caught up", lag));
        List<MetricFamilySamples.Sample> drillRuns = new ArrayList<>();
        snapshot.drillRuns().forEach(runs -> drillRuns.add(new MetricFamilySamples.Sample("firedrill_drill_runs_total",
                List.of("tenant", "result"), List.of(runs.tenant(), runs.result()), runs.count())));
        families.add(new MetricFamilySamples("firedrill_drill_runs", Type.COUNTER,
                "Drill runs that ended, by result (PASSED, FAILED, ABORTED)", drillRuns));
        families.add(perTenant("firedrill_drill_runs_awaiting_review", "Drill runs that ended and have not been reviewed",
                snapshot.drillRunsAwaitingReview()));
        families.add(perTenant("firedrill_drill_runs_reviewed_within_7_days", "Drill runs that ended and were reviewed"
                + " within 7 days of their end (the review share: this over the sum of firedrill_drill_runs_total)",
                snapshot.drillRunsReviewedWithin7Days()));
        families.add(new MetricFamilySamples("firedrill_gauges_refreshed_timestamp_seconds", Type.GAUGE,
                "When Firedrill's gauges were last read from the database (unix time)",
                List.of(new MetricFamilySamples.Sample("firedrill_gauges_refreshed_timestamp_seconds", List.of(), List.of(),
                        snapshot.at().toEpochMilli() / 1000.0))));
        return families;
    }

    /** A gauge with one sample per tenant. */
    private static MetricFamilySamples perTenant(String name, String help, java.util.Map<String, Long> counts) {
        List<MetricFamilySamples.Sample> samples = new ArrayList<>();
        counts.forEach((tenant, count) -> samples.add(new MetricFamilySamples.Sample(name, List.of("tenant"), List.of(tenant),
                count)));
        return new MetricFamilySamples(name, Type.GAUGE, help, samples);
    }

    private static MetricFamilySamples histogram(String name, String help, double[] bounds, List<Histogram> histograms) {
        List<MetricFamilySamples.Sample> samples = new ArrayList<>();
        for (Histogram histogram : histograms) {
            List<String> labels = List.of("tenant", "le");
            for (int i = 0; i < bounds.length; i++) {
                samples.add(new MetricFamilySamples.Sample(name + "_bucket", labels,
                        List.of(histogram.tenant(), doubleToGoString(bounds[i])), histogram.cumulative().get(i)));
            }
            samples.add(new MetricFamilySamples.Sample(name + "_bucket", labels, List.of(histogram.tenant(), "+Inf"),
                    histogram.count()));
            samples.add(new MetricFamilySamples.Sample(name + "_gcount", List.of("tenant"), List.of(histogram.tenant()),
                    histogram.count()));
            samples.add(new MetricFamilySamples.Sample(name + "_gsum", List.of("tenant"), List.of(histogram.tenant()),
                    histogram.sumSeconds()));
        }
        return new MetricFamilySamples(name, Type.GAUGE_HISTOGRAM, help,
                samples);
    }
}

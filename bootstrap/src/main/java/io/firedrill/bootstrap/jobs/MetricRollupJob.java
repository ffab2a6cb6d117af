package io.firedrill.bootstrap.jobs;

import io.firedrill.application.port.out.IncidentMetrics;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Brings the metrics day rollups in step with the incidents changed since the last run, every
 * {@code firedrill.metrics.rollup-every} (default 10 s), in batches until none is stale. Figures are exact without
 * it (stale days are read from the incident rows); it keeps them fast. Every instance may run it: recomputing a day
 * takes a lock on that day, and a day changed meanwhile stays marked.
 */
@ApplicationScoped
public class MetricRollupJob {

    private static final Logger LOG = Logger.getLogger(MetricRollupJob.class);
    private static final int BATCH = 200;
    /** How long one run may go on before it leaves the rest to the next. */
    private static final long RUN_MILLIS = 60_000;

    private final IncidentMetrics metrics;

    @Inject
    public MetricRollupJob(IncidentMetrics metrics) {
        this.metrics = metrics;
    }

    @Scheduled(identity = "metric-rollups", every = "{firedrill.metrics.rollup-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            int refreshed = run(System.currentTimeMillis() + RUN_MILLIS);
            if (refreshed > 0) {
                LOG.debugf("Metric rollups: %d days recomputed", refreshed);
            }
        } catch (CompletionException e) {
            LOG.warn("Metric rollups: a refresh failed; stale days are read from the incident rows until the next run",
                    e.getCause());
        }
    }

    /** Refreshes batches until none is stale or {@code deadline} (epoch millis) passed; how many days it refreshed. */
    int run(long deadline) {
        int total = 0;
        int refreshed;
        do {
            CompletableFuture<Integer> batch = metrics.refreshRollups(BATCH);
            refreshed = batch.orTimeout(2, TimeUnit.MINUTES).join();
            total += refreshed;
        } while (refreshed == BATCH && System.currentTimeMillis() < deadline);
        return total;
    }
}

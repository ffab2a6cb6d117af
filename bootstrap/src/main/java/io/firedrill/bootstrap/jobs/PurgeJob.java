package io.firedrill.bootstrap.jobs;

import io.firedrill.adapter.persistence.jobs.PgJobRuns;
import io.firedrill.adapter.persistence.jobs.PgPurges;
import io.firedrill.adapter.persistence.tokenstore.PgTokenStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Purges, once per {@code firedrill.purge.every} (default 1 hour) across every instance, the idempotency records past
 * {@code firedrill.idempotency.retention} and the state of alerts resolved longer ago than
 * {@code firedrill.alerts.resolved-state-retention} (default 30 days), and old job runs. Every instance looks every
 * {@code firedrill.purge.check-every} (default 1 minute) whether the current period has run; the one that claims it
 * ({@link PgJobRuns}) runs it. A run whose instance died is taken over after 15 minutes; purging twice is harmless.
 */
@ApplicationScoped
public class PurgeJob {

    static final String JOB = "purge";
    private static final Logger LOG = Logger.getLogger(PurgeJob.class);
    private static final Duration TAKE_OVER_AFTER = Duration.ofMinutes(15);

    private final PgJobRuns runs;
    private final PgPurges purges;
    private final Clock clock;
    private final String node;
    private final Duration every;
    private final Duration idempotencyRetention;
    private final Duration alertRetention;

    @Inject
    public PurgeJob(PgJobRuns runs, PgPurges purges, Clock clock, PgTokenStore tokens,
                    @ConfigProperty(name = "firedrill.purge.every", defaultValue = "PT1H") Duration every,
                    @ConfigProperty(name = "firedrill.idempotency.retention", defaultValue = "PT24H") Duration idempotencyRetention,
                    @ConfigProperty(name = "firedrill.alerts.resolved-state-retention", defaultValue = "P30D") Duration alertRetention) {
        if (every.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("firedrill.purge.every must be at least PT1M, not " + every);
        }
        if (alertRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("firedrill.alerts.resolved-state-retention must be at least P1D, not "
                    + alertRetention);
        }
        this.runs = runs;
        this.purges = purges;
        this.clock = clock;
        this.node = tokens.nodeId();
        this.every = every;
        this.idempotencyRetention = idempotencyRetention;
        this.alertRetention = alertRetention;
    }

    @Scheduled(identity = "purge", every = "{firedrill.purge.check-every}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run();
        } catch (CompletionException e) {
            LOG.warn("Purge: the run failed; the next check takes it over once its claim is old enough", e.getCause());
        }
    }

    /** Runs the current period's purge if no instance has; what it did, or {@code null} when another has it. */
    public Outcome run() {
        Instant period = Instant.ofEpochMilli(Math.floorDiv(clock.millis(), every.toMillis()) * every.toMillis());
        if (!runs.claim(JOB, period, node, TAKE_OVER_AFTER).orTimeout(30, TimeUnit.SECONDS).join()) {
            return null;
        }
        long records = purges.idempotencyRecords(idempotencyRetention).orTimeout(5, TimeUnit.MINUTES).join();
        long alerts = purges.resolvedAlerts(alertRetention).orTimeout(5, TimeUnit.MINUTES).join();
        long jobRuns = purges.jobRuns(alertRetention.compareTo(idempotencyRetention) > 0 ? alertRetention
                : idempotencyRetention).orTimeout(5, TimeUnit.MINUTES).join();
        Outcome outcome = new Outcome(period, records, alerts, jobRuns);
        runs.finish(JOB, period, node, outcome.toString()).orTimeout(30, TimeUnit.SECONDS).join();
        if (records + alerts > 0) {
            LOG.infof("Purge of the period from %s: %d idempotency records, %d resolved alerts' state, %d job runs",
                    period, records, alerts, jobRuns);
        }
        return outcome;
    }

    /** What a run deleted. */
    public record Outcome(Instant period, long idempotencyRecords, long resolvedAlerts, long jobRuns) {
    }
}

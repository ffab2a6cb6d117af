package io.firedrill.bootstrap.jobs;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.drill.DrillScheduling;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Starts the drill runs that schedules make due ({@link DrillScheduling}) every {@code firedrill.drills.schedule-every}
 * (default 1 s); a turn still going when the next is due is not overlapped. Every instance may run it: each instant of
 * a plan starts at most one run.
 */
@ApplicationScoped
public class DrillScheduleJob {

    private static final Logger LOG = Logger.getLogger(DrillScheduleJob.class);

    private final DrillScheduling scheduler;
    private final AtomicReference<CompletableFuture<Integer>> current = new AtomicReference<>();
    private final OncePerMinute logged = new OncePerMinute();

    @Inject
    public DrillScheduleJob(UseCases useCases) {
        this.scheduler = useCases.get(DrillScheduling.class);
    }

    @Scheduled(identity = "drill-scheduler", every = "{firedrill.drills.schedule-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        CompletableFuture<Integer> previous = current.get();
        if (previous != null && !previous.isDone()) {
            return;
        }
        current.set(scheduler.startDue().exceptionally(failure -> {
            if (logged.due()) {
                LOG.warnf("Drill scheduler: a turn failed (%s); what was due is tried again on the next (further"
                        + " failures within a minute are not logged)", failure.toString());
            }
            return 0;
        }));
    }
}

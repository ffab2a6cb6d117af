package io.firedrill.bootstrap.jobs;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.drill.DrillReviewReminders;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Nudges drill runs waiting for their review longer than {@code firedrill.drills.review-reminder-after} (default 3
 * days), every {@code firedrill.drills.review-check-every} (default 15 minutes); once per run and day, also with
 * several instances.
 */
@ApplicationScoped
public class DrillReviewReminderJob {

    private static final Logger LOG = Logger.getLogger(DrillReviewReminderJob.class);

    private final DrillReviewReminders reminders;
    private final AtomicReference<CompletableFuture<Integer>> current = new AtomicReference<>();

    @Inject
    public DrillReviewReminderJob(UseCases useCases) {
        this.reminders = useCases.get(DrillReviewReminders.class);
    }

    @Scheduled(identity = "drill-review-reminders", every = "{firedrill.drills.review-check-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        CompletableFuture<Integer> previous = current.get();
        if (previous != null && !previous.isDone()) {
            return;
        }
        current.set(reminders.remind().whenComplete((nudged, failure) -> {
            if (failure != null) {
                LOG.warnf("Drill review reminders failed (%s); the next check tries again", failure.toString());
            } else if (nudged > 0) {
                LOG.infof("Drill review reminders: %d runs nudged", nudged);
            }
        }));
    }
}

package io.firedrill.bootstrap.jobs;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.notification.AlertDigests;
import io.firedrill.application.port.in.notification.UpdateDueReminders;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Queues the notices that wait for a time rather than a fact, every {@code firedrill.notifications.timed-check-every}
 * on every instance, on a worker thread; a run is not overlapped by the next: the cadence reminders due
 * ({@link UpdateDueReminders}) and the alert windows that ended ({@link AlertDigests}). Instances that find the same
 * incident due queue its notice once (the message id says which interval or window it is).
 */
@ApplicationScoped
public class TimedNoticesJob {

    private static final Logger LOG = Logger.getLogger(TimedNoticesJob.class);

    private final UseCases useCases;
    private final OncePerMinute warnings = new OncePerMinute();

    @Inject
    public TimedNoticesJob(UseCases useCases) {
        this.useCases = useCases;
    }

    @Scheduled(identity = "timed-notices", every = "{firedrill.notifications.timed-check-every}",
            delayed = "{firedrill.notifications.timed-check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            int reminded = useCases.get(UpdateDueReminders.class).remindDue().orTimeout(2, TimeUnit.MINUTES).join();
            if (reminded > 0) {
                LOG.infof("Status update reminders queued for %d incident(s)", reminded);
            }
        } catch (CompletionException | IllegalStateException e) {
            if (warnings.due()) {
                LOG.warn("Status update reminders could not be queued now; the next run tries again", e);
            }
        }
        try {
            useCases.get(AlertDigests.class).announceEnded().orTimeout(2, TimeUnit.MINUTES).join();
        } catch (CompletionException | IllegalStateException e) {
            if (warnings.due()) {
                LOG.warn("Joined alerts could not be announced now; the next run tries again", e);
            }
        }
    }
}

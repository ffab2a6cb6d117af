package io.firedrill.bootstrap.jobs;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.notification.UpdateDueReminders;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Queues the cadence reminders due ({@link UpdateDueReminders}) every
 * {@code firedrill.notifications.update-due.check-every} on every instance, on a worker thread; a run is not
 * overlapped by the next. Instances that find the same incident due queue its reminder once (the message id says
 * which interval it is).
 */
@ApplicationScoped
public class UpdateDueReminderJob {

    private static final Logger LOG = Logger.getLogger(UpdateDueReminderJob.class);

    private final UseCases useCases;
    private final OncePerMinute warnings = new OncePerMinute();

    @Inject
    public UpdateDueReminderJob(UseCases useCases) {
        this.useCases = useCases;
    }

    @Scheduled(identity = "update-due-reminders", every = "{firedrill.notifications.update-due.check-every}",
            delayed = "{firedrill.notifications.update-due.check-every}",
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
    }
}

package io.firedrill.bootstrap.jobs;

import io.firedrill.application.actionitem.ActionItemReminders.Run;
import io.firedrill.application.actionitem.ActionItemReminders;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.actionitem.ActionItemCommands;
import io.firedrill.application.port.out.ActionItemViews;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs {@link ActionItemReminders} every {@code firedrill.action-items.check-every} (default 15 minutes) on a
 * worker thread; a run still going when the next is due is not overlapped. Every instance may run it: each
 * fact is still recorded once (see {@link ActionItemReminders}).
 */
@ApplicationScoped
public class ActionItemReminderJob {

    private static final Logger LOG = Logger.getLogger(ActionItemReminderJob.class);
    private static final int BATCH = 200;

    private final ActionItemReminders reminders;
    private final int leadDays;
    /** The scheduled run still going, if any: a run that outlives its wait is not overlapped by the next. */
    private final AtomicReference<CompletableFuture<Run>> current = new AtomicReference<>();

    @Inject
    public ActionItemReminderJob(ActionItemViews views, UseCases useCases, Clock clock,
                                 @ConfigProperty(name = "firedrill.action-items.reminder-lead-days") int leadDays) {
        this.reminders = new ActionItemReminders(views, useCases.get(ActionItemCommands.class), clock, leadDays, BATCH);
        this.leadDays = leadDays;
    }

    @Scheduled(identity = "action-item-reminders", every = "{firedrill.action-items.check-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        CompletableFuture<Run> previous = current.get();
        if (previous != null && !previous.isDone()) {
            LOG.warn("Action item reminders: the previous run is still going; this one is skipped");
            return;
        }
        CompletableFuture<Run> started = run();
        current.set(started);
        Run run;
        try {
            run = started.copy().orTimeout(10, TimeUnit.MINUTES).join();
        } catch (java.util.concurrent.CompletionException e) {
            LOG.warn("Action item reminders: no result within 10 minutes or the run failed; the next run waits for it", e);
            return;
        }
        if (run.failed() > 0) {
            LOG.warnf(run.firstFailure(), "Action item reminders on %s: %d of %d items failed and are retried on the next run",
                    run.today(), run.failed(), run.examined());
        }
        if (run.overdue() + run.reminders() > 0) {
            LOG.infof("Action item reminders on %s (lead %d days): %d overdue, %d due soon recorded", run.today(),
                    leadDays, run.overdue(), run.reminders());
        }
    }

    /** One run now, as the schedule starts it. */
    public CompletableFuture<Run> run() {
        return reminders.run();
    }
}

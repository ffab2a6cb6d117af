package io.firedrill.bootstrap.jobs;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.drill.DrillRunAutomation;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Gives every running drill run a turn of the drill runner ({@link DrillRunAutomation}) every
 * {@code firedrill.drills.run-every} (default 1 s). A tick starts the turns and returns at once: a run whose previous
 * turn is still under way (a probe waiting for its deadline) is passed over until it ends. Every instance may run it.
 */
@ApplicationScoped
public class DrillRunJob {

    private static final Logger LOG = Logger.getLogger(DrillRunJob.class);

    private final DrillRunAutomation runner;
    private final OncePerMinute logged = new OncePerMinute();

    @Inject
    public DrillRunJob(UseCases useCases) {
        this.runner = useCases.get(DrillRunAutomation.class);
    }

    @Scheduled(identity = "drill-runner", every = "{firedrill.drills.run-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        runner.advanceRunning().exceptionally(failure -> {
            if (logged.due()) {
                LOG.warnf("Drill runner: the running runs could not be listed (%s); the next tick tries again (further"
                        + " failures within a minute are not logged)", failure.toString());
            }
            return 0;
        });
    }
}

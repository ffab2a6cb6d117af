package io.firedrill.bootstrap.jobs;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.security.AuditLog;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Writes the audit entries this instance queued, every second and when it stops (before the database pool closes):
 * a crash loses at most the last second's entries. A failed write keeps them for the next run.
 */
@ApplicationScoped
public class AuditFlushJob {

    private static final Logger LOG = Logger.getLogger(AuditFlushJob.class);

    private final UseCases useCases;
    private final OncePerMinute warnings = new OncePerMinute();

    @Inject
    public AuditFlushJob(UseCases useCases) {
        this.useCases = useCases;
    }

    @Scheduled(identity = "audit-flush", every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        flush();
    }

    void flushOnStop(@Observes @Priority(1) ShutdownEvent ignored) {
        flush();
    }

    private void flush() {
        try {
            AuditLog audit = useCases.get(AuditLog.class);
            int written;
            do {
                written = audit.flush().orTimeout(10, TimeUnit.SECONDS).join();
            } while (written > 0);
        } catch (CompletionException e) {
            if (warnings.due()) {
                LOG.warn("Audit entries could not be written; they are kept (in memory) for the next run", e.getCause());
            }
        }
    }
}

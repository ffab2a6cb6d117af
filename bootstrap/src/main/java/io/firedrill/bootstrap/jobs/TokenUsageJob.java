package io.firedrill.bootstrap.jobs;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.security.AccessTokens;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Writes the API tokens' last-used times gathered on this instance, every 30 seconds and when it stops: requests
 * themselves never write. A failed write keeps the times for the next run.
 */
@ApplicationScoped
public class TokenUsageJob {

    private static final Logger LOG = Logger.getLogger(TokenUsageJob.class);

    private final UseCases useCases;
    private final OncePerMinute warnings = new OncePerMinute();

    @Inject
    public TokenUsageJob(UseCases useCases) {
        this.useCases = useCases;
    }

    @Scheduled(identity = "token-usage", every = "30s", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        record();
    }

    void flushOnStop(@Observes ShutdownEvent ignored) {
        record();
    }

    private void record() {
        try {
            useCases.get(AccessTokens.class).recordUsage().orTimeout(10, TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            if (warnings.due()) {
                LOG.warn("API tokens' last-used times could not be written; they are kept for the next run",
                        e.getCause());
            }
        }
    }
}

package io.firedrill.bootstrap.jobs;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.notification.NotificationDelivery;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends the outbox's due notifications on every instance (unless {@code firedrill.notifications.deliver} is false), every {@code firedrill.notifications.poll-every} (a Vert.x
 * timer: the scheduler's shortest period is a second, too long for a message's latency), batch after batch while
 * batches come full; a run still going when the timer fires again is not doubled (a run that has not ended after five
 * minutes, which only a bug could cause, is given up). Everything a run does is
 * asynchronous, so it never blocks the event loop the timer fires on. Instances share the work through the outbox's
 * claims.
 */
@ApplicationScoped
public class NotificationDeliveryJob {

    private static final Logger LOG = Logger.getLogger(NotificationDeliveryJob.class);
    /** The most batches one run sends, so that a backlog gives other work on the context a turn. */
    private static final int MAX_BATCHES = 20;

    private final UseCases useCases;
    private final Vertx vertx;
    private final int batch;
    private final Duration every;
    private final boolean deliver;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;
    private final OncePerMinute warnings = new OncePerMinute();
    private volatile long timer = -1;

    @Inject
    public NotificationDeliveryJob(UseCases useCases, Vertx vertx,
                                   @ConfigProperty(name = "firedrill.notifications.batch") int batch,
                                   @ConfigProperty(name = "firedrill.notifications.poll-every") Duration every,
                                   @ConfigProperty(name = "firedrill.notifications.deliver") boolean deliver) {
        this.useCases = useCases;
        this.vertx = vertx;
        this.batch = batch;
        this.every = every;
        this.deliver = deliver;
    }

    void start(@Observes StartupEvent ignored) {
        if (deliver) {
            timer = vertx.setPeriodic(every.toMillis(), id -> tick());
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        // no new batch; a message being sent is recorded, or claimed again by another instance once its lease lapses
        stopping = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> run;
        try {
            run = drain(useCases.get(NotificationDelivery.class), 0);
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        // every send and statement has its own deadline; this one only keeps a run that never ends (a bug) from
        // stopping this instance's deliveries for good
        run.orTimeout(5, TimeUnit.MINUTES).whenComplete((done, failure) -> {
            running.set(false);
            if (failure != null) {
                warn(failure);
            }
        });
    }

    private CompletableFuture<Void> drain(NotificationDelivery delivery, int run) {
        return delivery.deliverDue().thenCompose(sent -> sent >= batch && run + 1 < MAX_BATCHES && !stopping
                ? drain(delivery, run + 1) : CompletableFuture.completedFuture(null));
    }

    private void warn(Throwable failure) {
        if (warnings.due()) {
            LOG.warn("Notifications could not be sent now; they stay in the outbox for the next run", failure);
        }
    }
}

package io.firedrill.bootstrap.axon;

import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.PgLogNotifications;
import io.firedrill.adapter.persistence.projection.PgParkedEvents;
import io.firedrill.adapter.persistence.tokenstore.PgTokenStore;
import io.firedrill.application.port.in.admin.ProjectionAdmin.Kind;
import io.firedrill.application.slice.Processor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.core.unitofwork.UnitOfWorkFactory;
import org.axonframework.messaging.eventhandling.processing.streaming.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.eventhandling.processing.streaming.pooled.PooledStreamingEventProcessorConfiguration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs every slice's event processors (read model projections and automations) as pooled streaming processors on
 * the PostgreSQL token store, each with its own threads, and rebuilds a read model on request. Names no processor:
 * it runs what the slices registered. Every processor parks the events it cannot apply
 * ({@link ParkingEventHandlingComponent}) instead of retrying them forever.
 */
@ApplicationScoped
public class EventProcessors {

    private static final Logger LOG = Logger.getLogger(EventProcessors.class);
    /**
     * Events per processor batch; the token is stored once per batch. Kept at one: Axon 5.0.1's pooled processor
     * loses events in batches larger than one with asynchronous handlers (STYLE, known traps).
     */
    private static final int BATCH = 1;

    private final AxonRuntime axon;
    private final PgTokenStore tokenStore;
    private final PgParkedEvents parked;
    private final PgEventLog log;
    private final PgLogNotifications appends;
    private final int segments;
    private final boolean enabled;
    private final BatchedProjection.Settings batches;
    /**
     * Where rebuilds wait for processors to stop and start, one at a time: never the continuation pool, whose
     * threads the stopping processors need to finish their work.
     */
    private final ExecutorService rebuilds = Executors.newSingleThreadExecutor(threads("projection-rebuild"));
    /** Every slice's processors, built once before start; read by other threads (gauges, admin) afterwards. */
    private volatile Map<String, Running> processors = Map.of();
    private volatile boolean started;

    @Inject
    EventProcessors(AxonRuntime axon, PgTokenStore tokenStore, PgParkedEvents parked, PgEventLog log,
                    PgLogNotifications appends,
                    @ConfigProperty(name = "firedrill.projections.segments", defaultValue = "2") int segments,
                    @ConfigProperty(name = "firedrill.projections.enabled", defaultValue = "true") boolean enabled,
                    @ConfigProperty(name = "firedrill.projections.batch-size", defaultValue = "1000") int batchSize,
                    @ConfigProperty(name = "firedrill.projections.idle-poll", defaultValue = "PT1S") Duration idlePoll,
                    @ConfigProperty(name = "firedrill.projections.claim-interval", defaultValue = "PT5S") Duration claimInterval) {
        this.axon = axon;
        this.tokenStore = tokenStore;
        this.parked = parked;
        this.log = log;
        this.appends = appends;
        this.segments = segments;
        this.enabled = enabled;
        if (batchSize < 1) {
            throw new IllegalArgumentException("firedrill.projections.batch-size must be at least 1, not " + batchSize);
        }
        this.batches = new BatchedProjection.Settings(segments, batchSize, idlePoll, claimInterval, tokenStore.claimTimeout());
    }

    @PostConstruct
    void build() {
        Map<String, Running> built = new LinkedHashMap<>();
        for (Processor processor : axon.slices().processors()) {
            built.put(processor.name(), new Running(processor));
        }
        processors = Collections.unmodifiableMap(built);
    }

    void start(@Observes @Priority(AxonRuntime.LIFECYCLE_PRIORITY + 10) StartupEvent ignored) {
        if (!enabled) {
            LOG.warn("Event processors are disabled on this instance (firedrill.projections.enabled=false):"
                    + " another instance must run them, or lists stay stale and stored alerts wait to be grouped");
        } else {
            processors.values().forEach(Running::start);
            appends.listen(this::wakeUp);
        }
        started = true;
    }

    void stop(@Observes @Priority(AxonRuntime.LIFECYCLE_PRIORITY) ShutdownEvent ignored) {
        started = false;
        appends.close();
        List<Running> reversed = new ArrayList<>(processors.values());
        Collections.reverse(reversed);
        for (Running running : reversed) {
            try {
                running.stop();
            } catch (RuntimeException e) {
                LOG.warnf("Event processor %s did not stop cleanly: %s", running.definition.name(), e.getMessage());
            }
        }
        rebuilds.shutdownNow();
    }

    /** Whether the processors this instance runs have started (or none run here) and are not stopping. */
    public boolean started() {
        return started;
    }

    /** The names of the processors, in registration order. */
    public List<String> names() {
        return List.copyOf(processors.keySet());
    }

    /**
     * Rebuilds a read model from the event log: stops its processor, forgets its tokens, empties the model and
     * starts the processor again from the first event. Only for a single node: in a cluster every node must have
     * stopped the processor first. Fails for an automation (it sends commands and is never rebuilt).
     */
    public CompletableFuture<Void> rebuild(String name) {
        return running(name).rebuild();
    }

    /** A running processor, for status and tests. */
    public PooledStreamingEventProcessor processor(String name) {
        return running(name).processor;
    }

    /** The processor as it was registered, or empty for an unknown name. */
    Optional<Processor> definition(String name) {
        return Optional.ofNullable(processors.get(name)).map(running -> running.definition);
    }

    /** The event handling of a processor, which parks and re-applies its events; empty for an unknown name. */
    Optional<ParkingEventHandlingComponent> handling(String name) {
        return Optional.ofNullable(processors.get(name)).map(running -> running.component);
    }

    /** Whether this instance is rebuilding the processor's read model now. */
    boolean rebuilding(String name) {
        Running running = processors.get(name);
        return running != null && running.rebuilding;
    }

    /** Whether the processor runs on this instance now. */
    boolean runsHere(String name) {
        Running running = processors.get(name);
        return running != null && (running.processor != null || running.batched != null && running.batched.running());
    }

    /** Tells every batched read model that the log has new events. */
    void wakeUp() {
        processors.values().forEach(running -> {
            BatchedProjection batched = running.batched;
            if (batched != null) {
                batched.wakeUp();
            }
        });
    }

    /** Per event processor, the stored type names of the events it handles. */
    public Map<String, Set<String>> handledEventTypes() {
        Map<String, Set<String>> types = new TreeMap<>();
        processors.forEach((name, running) -> types.put(name, running.component.supportedEvents().stream()
                .map(QualifiedName::name).collect(Collectors.toUnmodifiableSet())));
        return types;
    }

    private Running running(String name) {
        Running running = processors.get(name);
        if (running == null) {
            throw new IllegalArgumentException("no event processor is named " + name + "; there are " + names());
        }
        return running;
    }

    /** One processor with its own coordinator and worker threads. */
    private final class Running {

        private final Processor definition;
        private final ParkingEventHandlingComponent component;
        private volatile PooledStreamingEventProcessor processor;
        private volatile BatchedProjection batched;
        private volatile boolean rebuilding;
        private ScheduledExecutorService coordinator;
        private ScheduledExecutorService workers;

        Running(Processor processor) {
            this.definition = processor;
            this.component = new ParkingEventHandlingComponent(processor.name(),
                    processor.rebuildable().isPresent() ? Kind.READ_MODEL : Kind.AUTOMATION, processor.component().get(),
                    parked, axon.continuation());
        }

        synchronized void start() {
            String name = definition.name();
            if (definition.batches().isPresent()) {
                batched = new BatchedProjection(name, definition.batches().get().get(), component, log, tokenStore, parked,
                        axon.component(UnitOfWorkFactory.class), batches);
                batched.start();
                return;
            }
            coordinator = Executors.newScheduledThreadPool(1, threads("Coordinator[" + name + "]"));
            workers = Executors.newScheduledThreadPool(segments, threads("WorkPackage[" + name + "]"));
            PooledStreamingEventProcessorConfiguration settings = new PooledStreamingEventProcessorConfiguration()
                    .eventSource(new PositionStampedEventSource(axon.component(EventStore.class)))
                    .unitOfWorkFactory(axon.component(UnitOfWorkFactory.class))
                    .tokenStore(tokenStore)
                    .coordinatorExecutor(coordinator)
                    .workerExecutor(workers)
                    .initialSegmentCount(segments)
                    .batchSize(BATCH)
                    // The coordinator renews the claims, also while a work package waits on a slow handler.
                    .enableCoordinatorClaimExtension()
                    .claimExtensionThreshold(tokenStore.claimTimeout().toMillis() / 3)
                    .initialToken(source -> source.firstToken(null));
            processor = new PooledStreamingEventProcessor(name, List.of(component), settings);
            processor.start().orTimeout(30, TimeUnit.SECONDS).join();
        }

        synchronized void stop() {
            if (batched != null) {
                batched.stop();
                batched = null;
            }
            if (processor == null) {
                return;
            }
            try {
                processor.shutdown().orTimeout(30, TimeUnit.SECONDS).join();
            } finally {
                coordinator.shutdownNow();
                workers.shutdownNow();
                processor = null;
            }
        }

        /** Runs on a thread of its own: stopping and starting wait for the processor, never on an event loop. */
        CompletableFuture<Void> rebuild() {
            var clear = definition.rebuildable().orElse(null);
            if (clear == null) {
                return CompletableFuture.failedFuture(new UnsupportedOperationException(definition.name()
                        + " is an automation that issues commands, not a read model: it is never rebuilt"));
            }
            return CompletableFuture.runAsync(() -> {
                rebuilding = true;
                try {
                    stop();
                    tokenStore.deleteProcessor(definition.name()).orTimeout(30, TimeUnit.SECONDS).join();
                    // A rebuild meets every event again: what still cannot be applied is parked again.
                    parked.clear(definition.name()).orTimeout(30, TimeUnit.SECONDS).join();
                    clear.get().orTimeout(60, TimeUnit.SECONDS).join();
                    start();
                } finally {
                    rebuilding = false;
                }
            }, rebuilds);
        }
    }

    static ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }
}

package io.firedrill.bootstrap.axon;

import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.PgLogNotifications;
import io.firedrill.adapter.persistence.projection.PgParkedEvents;
import io.firedrill.adapter.persistence.projection.PgRebuilds;
import io.firedrill.adapter.persistence.readmodel.RebuildTables;
import io.firedrill.application.port.in.admin.RebuildRefused;
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
import java.util.concurrent.ConcurrentHashMap;
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
     * Where this instance looks at the rebuilds under way (every claim interval, and at once when one starts or swaps)
     * and starts or stops its part in them: one thread, never an event loop.
     */
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(threads("projection-rebuilds"));
    private final PgRebuilds rebuilds;
    /** Callers of {@link #rebuild} waiting for the rebuild to replace the live read model. */
    private final Map<String, Waiting> completions = new ConcurrentHashMap<>();

    /** A caller waiting for a rebuild, since when (so that only a look at the rebuilds begun later completes it). */
    private record Waiting(CompletableFuture<Void> done, long since) {
    }
    /** The rebuilds as last read, by processor. */
    private volatile Map<String, PgRebuilds.Rebuild> rebuildStates = Map.of();
    /** Every slice's processors, built once before start; read by other threads (gauges, admin) afterwards. */
    private volatile Map<String, Running> processors = Map.of();
    private volatile boolean started;

    @Inject
    EventProcessors(AxonRuntime axon, PgTokenStore tokenStore, PgParkedEvents parked, PgEventLog log,
                    PgLogNotifications appends, PgRebuilds rebuilds,
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
        this.rebuilds = rebuilds;
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
        watcher.scheduleWithFixedDelay(this::watch, 0, batches.claimInterval().toMillis(), TimeUnit.MILLISECONDS);
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
        watcher.shutdownNow();
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
     * Starts an online rebuild of read model {@code name} ({@link PgRebuilds}): every instance running processors
     * takes part, the live read model keeps serving, and the rebuilt copy replaces it once caught up. Fails with
     * {@link RebuildRefused} when one is under way or {@code name} is an automation, with
     * {@link IllegalArgumentException} for an unknown name.
     */
    public CompletableFuture<Void> startRebuild(String name) {
        Running running = running(name);
        if (running.definition.batches().isEmpty()) {
            return CompletableFuture.failedFuture(RebuildRefused.notRebuildable(name));
        }
        return rebuilds.start(name, running.tables()).orTimeout(30, TimeUnit.SECONDS)
                .thenRun(() -> watcher.execute(this::watch));
    }

    /** Starts an online rebuild ({@link #startRebuild}) and completes once the rebuilt copy has replaced the live one. */
    public CompletableFuture<Void> rebuild(String name) {
        return startRebuild(name).thenCompose(started -> completions.computeIfAbsent(name,
                n -> new Waiting(new CompletableFuture<>(), System.nanoTime())).done());
    }

    /** The rebuilds under way or failed, as last read (every claim interval). */
    Map<String, PgRebuilds.Rebuild> rebuilds() {
        return rebuildStates;
    }

    /**
     * Reads the rebuilds and starts or stops this instance's part in them; completes the waiting callers of
     * {@link #rebuild} whose rebuild has swapped or failed.
     */
    private void watch() {
        try {
            look();
        } catch (Throwable e) {
            // Never let one failure end the schedule: the next look tries again.
            LOG.warnf("Could not look at the rebuilds under way (%s); looking again later", e.toString());
        }
    }

    private void look() {
        long lookedAt = System.nanoTime();
        Map<String, PgRebuilds.Rebuild> now;
        try {
            now = rebuilds.rebuilds().orTimeout(30, TimeUnit.SECONDS).join();
        } catch (RuntimeException e) {
            LOG.debugf("Could not read the rebuilds under way (%s); looking again later", e);
            return;
        }
        rebuildStates = now;
        for (Running running : processors.values()) {
            String name = running.definition.name();
            PgRebuilds.Rebuild rebuild = now.get(name);
            if (rebuild != null && rebuild.running()) {
                if (enabled && started) {
                    running.startRebuilding();
                }
                continue;
            }
            running.stopRebuilding();
            Waiting waiting = completions.get(name);
            // A caller that started waiting after this look began may wait for a rebuild this look did not see yet.
            if (waiting != null && waiting.since() - lookedAt < 0 && completions.remove(name, waiting)) {
                if (rebuild == null) {
                    waiting.done().complete(null);
                } else {
                    waiting.done().completeExceptionally(new IllegalStateException("the rebuild of " + name + " failed: "
                            + rebuild.error()));
                }
            }
        }
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

    /** Whether a rebuild of the processor's read model is under way (as last read). */
    boolean rebuilding(String name) {
        PgRebuilds.Rebuild rebuild = rebuildStates.get(name);
        return rebuild != null && rebuild.running();
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
        /** This instance's part in a rebuild under way. */
        private volatile BatchedProjection rebuilding;
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
                    .initialToken(source -> definition.fromHead() ? source.latestToken(null) : source.firstToken(null));
            processor = new PooledStreamingEventProcessor(name, List.of(component), settings);
            processor.start().orTimeout(30, TimeUnit.SECONDS).join();
        }

        synchronized void stop() {
            stopRebuilding();
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

        /** The tables of the read model, for a rebuild. */
        List<RebuildTables.Table> tables() {
            Object rows = definition.batches().orElseThrow().get().rows();
            if (!(rows instanceof RebuildTables tables)) {
                throw new IllegalStateException(definition.name() + "'s read model does not name its tables");
            }
            return tables.tables();
        }

        /** Runs this instance's part of the rebuild under way, unless it runs already. */
        synchronized void startRebuilding() {
            if (rebuilding != null && rebuilding.running()) {
                return;
            }
            String name = definition.name();
            List<RebuildTables.Table> tables = tables();
            BatchedProjection.Rebuilding reports = new BatchedProjection.Rebuilding() {
                @Override
                public boolean underWay() {
                    PgRebuilds.Rebuild rebuild = rebuilds.rebuilds().orTimeout(30, TimeUnit.SECONDS).join().get(name);
                    return rebuild != null && rebuild.running();
                }

                @Override
                public boolean swap() {
                    // Each statement of the swap has its own deadline; the whole may take long for a big read model.
                    boolean swapped = rebuilds.swap(name, tables).orTimeout(30, TimeUnit.MINUTES).join();
                    if (swapped) {
                        BatchedProjection live = batched;
                        if (live != null) {
                            live.wakeUp();
                        }
                        watcher.execute(EventProcessors.this::watch);
                    }
                    return swapped;
                }

                @Override
                public void fail(String error) {
                    rebuilds.fail(name, error).orTimeout(30, TimeUnit.SECONDS).join();
                    watcher.execute(EventProcessors.this::watch);
                }
            };
            rebuilding = BatchedProjection.rebuild(name, PgRebuilds.shadow(name), reports,
                    definition.batches().orElseThrow().get(), component, log, tokenStore, parked,
                    axon.component(UnitOfWorkFactory.class), batches);
            rebuilding.start();
        }

        /** Stops this instance's part in a rebuild, if it has one. */
        synchronized void stopRebuilding() {
            if (rebuilding != null) {
                rebuilding.stop();
                rebuilding = null;
            }
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

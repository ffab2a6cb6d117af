package io.firedrill.bootstrap.axon;

import io.firedrill.adapter.persistence.eventstore.PgEventStorageEngine;
import io.firedrill.adapter.persistence.eventstore.StoredPayloadMapper;
import io.firedrill.adapter.persistence.tokenstore.PgTokenStore;
import io.firedrill.application.FiredrillCore;
import io.firedrill.application.actionitem.ActionItemCommands;
import io.firedrill.application.actionitem.ActionItemHistory;
import io.firedrill.application.actionitem.ActionItemListProjector;
import io.firedrill.application.actionitem.ActionItemModule;
import io.firedrill.application.actionitem.ActionItemReminders;
import io.firedrill.application.command.SubjectLog;
import io.firedrill.application.port.out.ActionItemViews;
import io.firedrill.application.metrics.IncidentMetricsProjector;
import io.firedrill.application.metrics.Metrics;
import io.firedrill.application.metrics.MetricsModule;
import io.firedrill.domain.incident.ResponseTargets;
import io.firedrill.application.port.out.IncidentMetrics;
import io.firedrill.application.postmortem.PostmortemModule;
import io.firedrill.application.postmortem.Postmortems;
import io.firedrill.domain.postmortem.BlamelessWords;
import io.firedrill.application.alert.AlertGroupingProcessor;
import io.firedrill.application.alert.AlertIntake;
import io.firedrill.application.alert.IntegrationCatalog;
import io.firedrill.application.port.out.AlertGroups;
import io.firedrill.application.port.out.CredentialVault;
import io.firedrill.application.port.out.Integrations;
import io.firedrill.application.incident.IncidentCommands;
import io.firedrill.application.incident.IncidentHistory;
import io.firedrill.application.incident.IncidentListProjector;
import io.firedrill.application.incident.IncidentModule;
import io.firedrill.application.port.out.IncidentListViews;
import io.firedrill.application.port.out.IncidentNumbers;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.configuration.AxonConfiguration;
import org.axonframework.conversion.Converter;
import org.axonframework.conversion.json.JacksonConverter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.core.unitofwork.UnitOfWorkFactory;
import org.axonframework.messaging.eventhandling.EventHandlingComponent;
import org.axonframework.messaging.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.eventhandling.processing.streaming.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.eventhandling.processing.streaming.pooled.PooledStreamingEventProcessorConfiguration;
import org.axonframework.messaging.eventhandling.processing.streaming.token.store.TokenStore;
import org.axonframework.messaging.queryhandling.gateway.QueryGateway;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Owns Firedrill's Axon configuration: builds it from {@link FiredrillCore} with the PostgreSQL
 * event storage engine and token store passed in explicitly, starts it when Quarkus has started, shuts it down when
 * Quarkus stops, and produces Axon's gateways and the use cases for the adapters. It also runs the read
 * model projections as pooled streaming processors on the PostgreSQL token store, and rebuilds them.
 */
@ApplicationScoped
public class AxonRuntime {

    private static final Logger LOG = Logger.getLogger(AxonRuntime.class);
    /**
     * Events per processor batch; the token is stored once per batch. Kept at one. Read models take their
     * positions from the stamped metadata ({@link PositionStampedEventSource}), since with the context's token
     * every event of a batch saw the batch's last position (Axon issue #4323). With that fixed, batches of 100
     * still fail IncidentListProjectionTest: traced per event, the incident-list processor was handed a few
     * events twice (harmless: skipped by position) and a few never (2 of about 1,100 in one run) while the
     * incident-metrics processor got them all, so events go missing between the pooled processor's work
     * packages and the token store, not in the handlers; not solved yet.
     */
    private static final int LIST_BATCH = 1;
    private static final int GROUPING_BATCH = 1;

    private final PgEventStorageEngine storageEngine;
    private final PgTokenStore tokenStore;
    private final Clock clock;
    private final IncidentListViews incidentListViews;
    private final ActionItemViews actionItemViews;
    private final IncidentMetrics incidentMetrics;
    private final IncidentNumbers incidentNumbers;
    private final Integrations integrations;
    private final AlertGroups alertGroups;
    private final CredentialVault credentialVault;
    private final int projectionSegments;
    private final boolean projectionsEnabled;
    private final BlamelessWords blamelessWords;
    private final ResponseTargets responseTargets;
    private final java.time.Duration recurrenceWindow;
    private final Converter converter = new JacksonConverter(StoredPayloadMapper.create());
    /** Where projection handlers continue after their database call, off the event loop (see IncidentListProjector). */
    /**
     * Where rebuilds wait for processors to stop and start, one at a time: never the continuation pool, whose
     * threads the stopping processors need to finish their work.
     */
    private final java.util.concurrent.ExecutorService rebuilds = Executors.newSingleThreadExecutor(threads("projection-rebuild"));
    private final java.util.concurrent.ExecutorService projectionContinuation =
            Executors.newFixedThreadPool(2, threads("projection-continuation"));
    private AxonConfiguration configuration;
    private Projection incidentList;
    private Projection alertGrouping;
    private Projection actionItemList;
    private Projection metricsProjection;
    private volatile boolean running;

    @Inject
    AxonRuntime(PgEventStorageEngine storageEngine, PgTokenStore tokenStore, Clock clock,
                IncidentListViews incidentListViews, ActionItemViews actionItemViews, IncidentMetrics incidentMetrics,
                IncidentNumbers incidentNumbers,
                Integrations integrations,
                AlertGroups alertGroups, CredentialVault credentialVault,
                @ConfigProperty(name = "firedrill.projections.segments", defaultValue = "2") int projectionSegments,
                @ConfigProperty(name = "firedrill.projections.enabled", defaultValue = "true") boolean projectionsEnabled,
                @ConfigProperty(name = "firedrill.postmortems.blameless-words") java.util.Optional<List<String>> blamelessWords,
                ResponseTargets responseTargets,
                @ConfigProperty(name = "firedrill.metrics.recurrence-window") java.time.Duration recurrenceWindow) {
        this.storageEngine = storageEngine;
        this.tokenStore = tokenStore;
        this.clock = clock;
        this.incidentListViews = incidentListViews;
        this.actionItemViews = actionItemViews;
        this.incidentMetrics = incidentMetrics;
        this.incidentNumbers = incidentNumbers;
        this.integrations = integrations;
        this.alertGroups = alertGroups;
        this.credentialVault = credentialVault;
        this.projectionSegments = projectionSegments;
        this.projectionsEnabled = projectionsEnabled;
        this.responseTargets = responseTargets;
        this.recurrenceWindow = recurrenceWindow;
        this.blamelessWords = blamelessWords.filter(words -> !words.isEmpty()).map(BlamelessWords::of)
                .orElseGet(BlamelessWords::defaults);
    }

    @PostConstruct
    void build() {
        configuration = MetricsModule.register(PostmortemModule.register(ActionItemModule.register(
                        IncidentModule.register(FiredrillCore.configurer(), clock), clock), clock), clock)
                .registerEventStorageEngine(ignored -> storageEngine)
                .componentRegistry(registry -> registry
                        .registerComponent(TokenStore.class, ignored -> tokenStore)
                        .registerComponent(Converter.class, ignored -> converter))
                .build();
        incidentList = new Projection(IncidentListProjector.PROCESSOR, LIST_BATCH,
                new IncidentListProjector(incidentListViews, converter, projectionContinuation).component(),
                incidentListViews::clear);
        actionItemList = new Projection(ActionItemListProjector.PROCESSOR, LIST_BATCH,
                new ActionItemListProjector(actionItemViews, converter, projectionContinuation).component(),
                actionItemViews::clear);
        metricsProjection = new Projection(IncidentMetricsProjector.PROCESSOR, LIST_BATCH,
                new IncidentMetricsProjector(incidentMetrics, converter, projectionContinuation).component(),
                incidentMetrics::clear);
        alertGrouping = new Projection(AlertGroupingProcessor.PROCESSOR, GROUPING_BATCH,
                new AlertGroupingProcessor(alertGroups, incidentCommands(), converter, projectionContinuation).component(),
                () -> CompletableFuture.failedFuture(new UnsupportedOperationException(
                        "alert grouping is an automation that issues commands, not a read model: it is never rebuilt")));
    }

    /** A component of the running configuration, as Axon resolves it. */
    public <C> C component(Class<C> type) {
        return configuration.getComponent(type);
    }

    void start(@Observes StartupEvent ignored) {
        configuration.start();
        if (projectionsEnabled) {
            incidentList.start();
            actionItemList.start();
            metricsProjection.start();
            alertGrouping.start();
        } else {
            LOG.warn("Event processors are disabled on this instance (firedrill.projections.enabled=false):"
                    + " another instance must run them, or lists stay stale and stored alerts wait to be grouped");
        }
        running = true;
        LOG.info("Axon configuration started");
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        alertGrouping.stop();
        metricsProjection.stop();
        actionItemList.stop();
        incidentList.stop();
        rebuilds.shutdownNow();
        projectionContinuation.shutdown();
        configuration.shutdown();
        LOG.info("Axon configuration shut down");
    }

    /** Whether the configuration has started and not yet been shut down. */
    public boolean running() {
        return running;
    }

    /**
     * Rebuilds the incident list read model from the event log: stops its processor, forgets its tokens,
     * empties the view and starts the processor again from the first event. Only for a single node: in a
     * cluster every node must have stopped the processor first.
     */
    public CompletableFuture<Void> rebuildIncidentList() {
        return incidentList.rebuild();
    }

    /** Rebuilds the action item read model from the event log, like {@link #rebuildIncidentList()}. */
    public CompletableFuture<Void> rebuildActionItems() {
        return actionItemList.rebuild();
    }

    /** Per event processor, the stored type names of the events it handles. */
    public java.util.Map<String, java.util.Set<String>> handledEventTypes() {
        java.util.Map<String, java.util.Set<String>> types = new java.util.TreeMap<>();
        for (Projection projection : List.of(incidentList, actionItemList, metricsProjection, alertGrouping)) {
            types.put(projection.name, projection.component.supportedEvents().stream()
                    .map(org.axonframework.messaging.core.QualifiedName::name)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet()));
        }
        return types;
    }

    /** Rebuilds the metrics read model from the event log, like {@link #rebuildIncidentList()}. */
    public CompletableFuture<Void> rebuildMetrics() {
        return metricsProjection.rebuild();
    }

    /** The action item list processor, for status and tests. */
    public PooledStreamingEventProcessor actionItemListProcessor() {
        return actionItemList.processor;
    }

    /** The alert grouping processor, for status and tests. */
    public PooledStreamingEventProcessor alertGroupingProcessor() {
        return alertGrouping.processor;
    }

    /** The incident list processor, for status and tests. */
    public PooledStreamingEventProcessor incidentListProcessor() {
        return incidentList.processor;
    }

    @Produces
    @ApplicationScoped
    CommandGateway commandGateway() {
        return configuration.getComponent(CommandGateway.class);
    }

    @Produces
    @ApplicationScoped
    QueryGateway queryGateway() {
        return configuration.getComponent(QueryGateway.class);
    }

    @Produces
    @ApplicationScoped
    EventGateway eventGateway() {
        return configuration.getComponent(EventGateway.class);
    }

    @Produces
    @ApplicationScoped
    EventStore eventStore() {
        return configuration.getComponent(EventStore.class);
    }

    @Produces
    @ApplicationScoped
    IncidentCommands incidentCommands() {
        return new IncidentCommands(configuration.getComponent(CommandGateway.class), incidentNumbers, clock);
    }

    @Produces
    @ApplicationScoped
    IntegrationCatalog integrationCatalog() {
        return new IntegrationCatalog(integrations, credentialVault, alertGroups, clock);
    }

    @Produces
    @ApplicationScoped
    AlertIntake alertIntake() {
        return new AlertIntake(configuration.getComponent(EventStore.class),
                configuration.getComponent(UnitOfWorkFactory.class), clock);
    }

    @Produces
    @ApplicationScoped
    ActionItemCommands actionItemCommands() {
        return new ActionItemCommands(configuration.getComponent(CommandGateway.class), incidentHistory(),
                new SubjectLog(configuration.getComponent(EventStore.class),
                        configuration.getComponent(UnitOfWorkFactory.class)), converter);
    }

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        return new Metrics(incidentMetrics, responseTargets, clock, recurrenceWindow,
                configuration.getComponent(CommandGateway.class), new SubjectLog(configuration.getComponent(EventStore.class),
                        configuration.getComponent(UnitOfWorkFactory.class)), converter);
    }

    @Produces
    @ApplicationScoped
    Postmortems postmortems() {
        return new Postmortems(configuration.getComponent(CommandGateway.class), incidentHistory(), incidentCommands(),
                actionItemHistory(), configuration.getComponent(EventStore.class),
                configuration.getComponent(UnitOfWorkFactory.class), converter, blamelessWords);
    }

    @Produces
    @ApplicationScoped
    ActionItemHistory actionItemHistory() {
        return new ActionItemHistory(configuration.getComponent(EventStore.class),
                configuration.getComponent(UnitOfWorkFactory.class), converter);
    }

    @Produces
    @ApplicationScoped
    IncidentHistory incidentHistory() {
        return new IncidentHistory(configuration.getComponent(EventStore.class),
                configuration.getComponent(UnitOfWorkFactory.class), converter);
    }

    /** One event processor (a read model projection or an automation): a pooled streaming processor with its own threads. */
    private final class Projection {

        private final String name;
        private final int batchSize;
        private final EventHandlingComponent component;
        private final java.util.function.Supplier<CompletableFuture<Void>> clear;
        private PooledStreamingEventProcessor processor;
        private ScheduledExecutorService coordinator;
        private ScheduledExecutorService workers;

        Projection(String name, int batchSize, EventHandlingComponent component,
                   java.util.function.Supplier<CompletableFuture<Void>> clear) {
            this.name = name;
            this.batchSize = batchSize;
            this.component = component;
            this.clear = clear;
        }

        synchronized void start() {
            coordinator = Executors.newScheduledThreadPool(1, threads("Coordinator[" + name + "]"));
            workers = Executors.newScheduledThreadPool(projectionSegments, threads("WorkPackage[" + name + "]"));
            PooledStreamingEventProcessorConfiguration settings = new PooledStreamingEventProcessorConfiguration()
                    .eventSource(new PositionStampedEventSource(configuration.getComponent(EventStore.class)))
                    .unitOfWorkFactory(configuration.getComponent(UnitOfWorkFactory.class))
                    .tokenStore(tokenStore)
                    .coordinatorExecutor(coordinator)
                    .workerExecutor(workers)
                    .initialSegmentCount(projectionSegments)
                    .batchSize(batchSize)
                    .initialToken(source -> source.firstToken(null));
            processor = new PooledStreamingEventProcessor(name, List.of(component), settings);
            processor.start().orTimeout(30, TimeUnit.SECONDS).join();
        }

        synchronized void stop() {
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
            return CompletableFuture.runAsync(() -> {
                stop();
                tokenStore.deleteProcessor(name).orTimeout(30, TimeUnit.SECONDS).join();
                clear.get().orTimeout(60, TimeUnit.SECONDS).join();
                start();
            }, rebuilds);
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }
}

package io.firedrill.bootstrap.axon;

import io.firedrill.adapter.persistence.eventstore.PgEventStorageEngine;
import io.firedrill.adapter.persistence.eventstore.StoredPayloadMapper;
import io.firedrill.adapter.persistence.tokenstore.PgTokenStore;
import io.firedrill.application.port.in.admin.ProjectionAdmin;
import io.firedrill.application.slice.CommandSettings;
import io.firedrill.application.slice.Slices;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.common.configuration.AxonConfiguration;
import org.axonframework.conversion.Converter;
import org.axonframework.conversion.json.JacksonConverter;
import org.axonframework.messaging.eventhandling.processing.streaming.token.store.TokenStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Owns Firedrill's Axon configuration: builds it from every registered slice ({@link Slices}) with the PostgreSQL
 * event storage engine, token store and stored-payload converter passed in explicitly, starts it when Quarkus has
 * started and shuts it down when Quarkus stops, and wires the slices' use cases and processors. What a slice
 * {@code require}s is looked up among the application's beans (adapters and settings). Names no concept: the
 * processors run in {@link EventProcessors}, the gateways and use cases are produced by {@link AxonComponents}.
 */
@ApplicationScoped
public class AxonRuntime {

    private static final Logger LOG = Logger.getLogger(AxonRuntime.class);
    /** Before the processors start and after they stop. */
    static final int LIFECYCLE_PRIORITY = 100;

    private final PgEventStorageEngine storageEngine;
    private final PgTokenStore tokenStore;
    private final Clock clock;
    private final Instance<Object> beans;
    private final Slices slices = Slices.load();
    private final Converter converter = new JacksonConverter(StoredPayloadMapper.create());
    /**
     * Where projection handlers continue after their database call, off the event loop (Axon's processor blocks
     * while it stores its token; see {@code ProjectedRows}).
     */
    private final ExecutorService continuation = Executors.newFixedThreadPool(2, EventProcessors.threads("projection-continuation"));
    /**
     * Where commands convert and fold their subject's events and decide, off the event loop that delivered the events
     * (a command on a subject not cached yet folds its whole history).
     */
    private final ExecutorService folds = Executors.newFixedThreadPool(2, EventProcessors.threads("command-fold"));
    private final long cachedEvents;
    private AxonConfiguration configuration;
    private Slices.Wired wired;
    private volatile boolean running;

    @Inject
    AxonRuntime(PgEventStorageEngine storageEngine, PgTokenStore tokenStore, Clock clock, @Any Instance<Object> beans,
                @ConfigProperty(name = "firedrill.commands.cached-events", defaultValue = "" + CommandSettings.DEFAULT_CACHED_EVENTS)
                long cachedEvents) {
        this.cachedEvents = cachedEvents;
        this.storageEngine = storageEngine;
        this.tokenStore = tokenStore;
        this.clock = clock;
        this.beans = beans;
    }

    @PostConstruct
    void build() {
        configuration = slices.configurer(new CommandSettings(clock, cachedEvents, folds, new CaffeineMaps()))
                .registerEventStorageEngine(ignored -> storageEngine)
                .componentRegistry(registry -> registry
                        .registerComponent(TokenStore.class, ignored -> tokenStore)
                        .registerComponent(Converter.class, ignored -> converter))
                .build();
        wired = slices.wire(configuration, clock, this::bean, continuation);
        // The operators' use case is the host's, not a slice's: it runs the processors (ProjectionAdminService).
        wired.provide(ProjectionAdmin.class, () -> (ProjectionAdmin) bean(ProjectionAdmin.class));
    }

    private Object bean(Class<?> type) {
        Instance<?> candidates = beans.select(type);
        if (candidates.isAmbiguous()) {
            throw new IllegalStateException("more than one bean is a " + type.getName() + ": a slice requires exactly one");
        }
        return candidates.isResolvable() ? candidates.get() : null;
    }

    void start(@Observes @Priority(LIFECYCLE_PRIORITY) StartupEvent ignored) {
        configuration.start();
        running = true;
        LOG.info("Axon configuration started with slices " + slices.all().stream().map(slice -> slice.name()).toList());
    }

    void stop(@Observes @Priority(LIFECYCLE_PRIORITY + 100) ShutdownEvent ignored) {
        running = false;
        continuation.shutdown();
        configuration.shutdown();
        folds.shutdown();
        LOG.info("Axon configuration shut down");
    }

    /** A component of the running configuration, as Axon resolves it. */
    public <C> C component(Class<C> type) {
        return configuration.getComponent(type);
    }

    /** Whether the configuration has started and not yet been shut down. */
    public boolean running() {
        return running;
    }

    /** Where projection handlers continue after their database call (never an event loop). */
    ExecutorService continuation() {
        return continuation;
    }

    /** The slices wired into the configuration: their use cases and processors. */
    public Slices.Wired slices() {
        return wired;
    }
}

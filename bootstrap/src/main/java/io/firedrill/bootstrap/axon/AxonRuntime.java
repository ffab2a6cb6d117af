package io.firedrill.bootstrap.axon;

import io.firedrill.adapter.persistence.eventstore.PgEventStorageEngine;
import io.firedrill.adapter.persistence.tokenstore.PgTokenStore;
import io.firedrill.application.FiredrillCore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.axonframework.common.configuration.AxonConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.eventhandling.processing.streaming.token.store.TokenStore;
import org.axonframework.messaging.queryhandling.gateway.QueryGateway;
import org.jboss.logging.Logger;

/**
 * Owns Firedrill's Axon configuration: builds it from {@link FiredrillCore} with the PostgreSQL
 * event storage engine and token store passed in explicitly, starts it when Quarkus has started, shuts it down when
 * Quarkus stops, and produces Axon's gateways for the adapters.
 */
@ApplicationScoped
public class AxonRuntime {

    private static final Logger LOG = Logger.getLogger(AxonRuntime.class);

    private final PgEventStorageEngine storageEngine;
    private final PgTokenStore tokenStore;
    private AxonConfiguration configuration;
    private volatile boolean running;

    @Inject
    AxonRuntime(PgEventStorageEngine storageEngine, PgTokenStore tokenStore) {
        this.storageEngine = storageEngine;
        this.tokenStore = tokenStore;
    }

    @PostConstruct
    void build() {
        configuration = FiredrillCore.configurer()
                .registerEventStorageEngine(ignored -> storageEngine)
                .componentRegistry(registry -> registry.registerComponent(TokenStore.class, ignored -> tokenStore))
                .build();
    }

    /** A component of the running configuration, as Axon resolves it. */
    public <C> C component(Class<C> type) {
        return configuration.getComponent(type);
    }

    void start(@Observes StartupEvent ignored) {
        configuration.start();
        running = true;
        LOG.info("Axon configuration started");
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        configuration.shutdown();
        LOG.info("Axon configuration shut down");
    }

    /** Whether the configuration has started and not yet been shut down. */
    public boolean running() {
        return running;
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
}

package io.firedrill.bootstrap.axon;

import io.firedrill.application.port.in.UseCases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.queryhandling.gateway.QueryGateway;

/** Produces Axon's gateways and the slices' use cases for the adapters and jobs. */
@ApplicationScoped
public class AxonComponents {

    @Produces
    @ApplicationScoped
    CommandGateway commandGateway(AxonRuntime axon) {
        return axon.component(CommandGateway.class);
    }

    @Produces
    @ApplicationScoped
    QueryGateway queryGateway(AxonRuntime axon) {
        return axon.component(QueryGateway.class);
    }

    @Produces
    @ApplicationScoped
    EventGateway eventGateway(AxonRuntime axon) {
        return axon.component(EventGateway.class);
    }

    @Produces
    @ApplicationScoped
    EventStore eventStore(AxonRuntime axon) {
        return axon.component(EventStore.class);
    }

    @Produces
    @ApplicationScoped
    UseCases useCases(AxonRuntime axon) {
        return axon.slices();
    }
}

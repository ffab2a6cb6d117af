package io.firedrill.application.slice;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.axonframework.conversion.Converter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.core.unitofwork.UnitOfWorkFactory;

/** What a slice is given to build its use cases and processors, and where it hands them over. */
public interface SliceWiring {

    /** The application clock. */
    Clock clock();

    /** The event store of the running configuration. */
    EventStore eventStore();

    /** Units of work for reads outside a command. */
    UnitOfWorkFactory unitsOfWork();

    /** The converter of stored payloads. */
    Converter converter();

    /** The command gateway of the running configuration. */
    CommandGateway commandGateway();

    /** Every slice's stored types, tags and upcasters. */
    StoredEvents storedEvents();

    /**
     * Where projection handlers continue once a read model has answered: never an event loop thread (Axon's
     * processor blocks while it stores its token, and the token store needs that thread to answer).
     */
    Executor continuation();

    /**
     * Something the host provides: an outbound port implemented by an adapter, or a setting (a record of the
     * slice's configuration values). Fails when the host has none.
     */
    <T> T require(Class<T> type);

    /** A use case (inbound port) some slice provides, built on first use. Fails when no slice provides it. */
    <T> T port(Class<T> type);

    /** Provides a use case under its port type, built on first use. */
    <T> void provide(Class<T> port, Supplier<? extends T> implementation);

    /**
     * Reads of the current state of {@code model}'s subjects, sharing the cache of the states its commands decide over.
     * Fails when no command module of a slice has that model.
     */
    <S> SubjectReader<S> subjects(SourcedModel<?, ?, S> model);

    /** Adds an event processor: a read model projection (rebuildable) or an automation. */
    void processor(Processor processor);
}

package io.firedrill.bootstrap.eventstore;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

/** The reference: Axon's in-memory engine satisfies the contract Firedrill's engine is held to. */
class InMemoryEventStorageEngineContractTest extends EventStorageEngineContract {

    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();

    @Override
    EventStorageEngine engine() {
        return engine;
    }
}

package io.firedrill.application.slice;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.SourcingCondition;
import org.axonframework.messaging.core.unitofwork.UnitOfWorkFactory;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventstreaming.EventCriteria;

/** Reads the log of one subject (an incident, an action item) from the event store, in append order. */
public final class SubjectLog {

    private final EventStore eventStore;
    private final UnitOfWorkFactory unitsOfWork;

    public SubjectLog(EventStore eventStore, UnitOfWorkFactory unitsOfWork) {
        this.eventStore = eventStore;
        this.unitsOfWork = unitsOfWork;
    }

    /** The stored messages that match {@code criteria}, oldest first; empty when there are none. */
    public CompletableFuture<List<EventMessage>> read(EventCriteria criteria) {
        return unitsOfWork.create().executeWithResult(context -> eventStore.transaction(context)
                .source(SourcingCondition.conditionFor(criteria))
                .reduce(new ArrayList<EventMessage>(), (messages, entry) -> {
                    messages.add(entry.message());
                    return messages;
                }))
                .thenApply(List::copyOf);
    }
}

package io.firedrill.application.testing;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.common.infra.ComponentDescriptor;
import org.axonframework.eventsourcing.eventstore.AppendCondition;
import org.axonframework.eventsourcing.eventstore.ConsistencyMarker;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.SourcingCondition;
import org.axonframework.eventsourcing.eventstore.TaggedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.unitofwork.ProcessingContext;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.processing.streaming.token.TrackingToken;
import org.axonframework.messaging.eventstreaming.StreamingCondition;

/** Axon's in-memory event storage, remembering every event whose append committed, in order. */
final class RecordingEngine implements EventStorageEngine {

    private final InMemoryEventStorageEngine delegate = new InMemoryEventStorageEngine();
    private final List<TaggedEventMessage<?>> committed = new CopyOnWriteArrayList<>();

    /** The events committed so far. */
    List<TaggedEventMessage<?>> committed() {
        return List.copyOf(committed);
    }

    @Override
    public CompletableFuture<AppendTransaction<?>> appendEvents(AppendCondition condition, ProcessingContext context,
                                                               List<TaggedEventMessage<?>> events) {
        return delegate.appendEvents(condition, context, events).thenApply(transaction -> recording(transaction, events));
    }

    private <R> AppendTransaction<R> recording(AppendTransaction<R> transaction, List<TaggedEventMessage<?>> events) {
        return new AppendTransaction<>() {
            @Override
            public CompletableFuture<R> commit(ProcessingContext context) {
                return transaction.commit(context).thenApply(result -> {
                    committed.addAll(events);
                    return result;
                });
            }

            @Override
            public void rollback(ProcessingContext context) {
                transaction.rollback(context);
            }

            @Override
            public CompletableFuture<ConsistencyMarker> afterCommit(R result, ProcessingContext context) {
                return transaction.afterCommit(result, context);
            }
        };
    }

    @Override
    public MessageStream<EventMessage> source(SourcingCondition condition, ProcessingContext context) {
        return delegate.source(condition, context);
    }

    @Override
    public MessageStream<EventMessage> stream(StreamingCondition condition, ProcessingContext context) {
        return delegate.stream(condition, context);
    }

    @Override
    public CompletableFuture<TrackingToken> firstToken(ProcessingContext context) {
        return delegate.firstToken(context);
    }

    @Override
    public CompletableFuture<TrackingToken> latestToken(ProcessingContext context) {
        return delegate.latestToken(context);
    }

    @Override
    public CompletableFuture<TrackingToken> tokenAt(Instant at, ProcessingContext context) {
        return delegate.tokenAt(at, context);
    }

    @Override
    public void describeTo(ComponentDescriptor descriptor) {
        delegate.describeTo(descriptor);
    }
}

package io.firedrill.adapter.persistence.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.axonframework.common.infra.ComponentDescriptor;
import org.axonframework.conversion.ConversionException;
import org.axonframework.eventsourcing.eventstore.AppendCondition;
import org.axonframework.eventsourcing.eventstore.AppendEventsTransactionRejectedException;
import org.axonframework.eventsourcing.eventstore.ConsistencyMarker;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.GlobalIndexConsistencyMarker;
import org.axonframework.eventsourcing.eventstore.GlobalIndexPosition;
import org.axonframework.eventsourcing.eventstore.SourcingCondition;
import org.axonframework.eventsourcing.eventstore.TaggedEventMessage;
import org.axonframework.messaging.core.Context;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.core.QueueMessageStream;
import org.axonframework.messaging.core.unitofwork.ProcessingContext;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventhandling.TerminalEventMessage;
import org.axonframework.messaging.eventhandling.processing.streaming.token.GlobalSequenceTrackingToken;
import org.axonframework.messaging.eventhandling.processing.streaming.token.TrackingToken;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.EventCriterion;
import org.axonframework.messaging.eventstreaming.StreamingCondition;
import org.axonframework.messaging.eventstreaming.Tag;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Axon Framework 5's {@link EventStorageEngine} on {@link PgEventLog}.
 *
 * <p>Positions, tracking tokens and consistency markers are the log's global positions: the token
 * of an event is its position, a stream from token {@code t} delivers the positions above {@code t},
 * and an append conditioned on marker {@code m} conflicts with matching events above {@code m}.
 * Payloads are stored as JSON written by {@link StoredPayloadMapper}; read events carry their payload
 * as JSON bytes, which handlers convert to their own types.
 *
 * <p>Reads go in bounded batches into a bounded queue, refilled as the consumer takes entries, so a
 * slow consumer never makes the engine buffer more than two batches. Sourcing an entity's stream of
 * at most one batch is one statement; a longer stream, and other sourcing, reads through one cursor;
 * streaming runs position-ordered queries.
 */
@ApplicationScoped
public class PgEventStorageEngine implements EventStorageEngine {

    /** Events read per query or cursor fetch; a stream buffers at most two batches. */
    public static final String DEFAULT_READ_BATCH = "2048";
    /** How long a caught-up stream waits before it looks for new events. */
    public static final String DEFAULT_POLL_INTERVAL_MS = "100";

    private final PgEventLog log;
    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final int batchSize;
    private final long pollIntervalMs;
    private final long sourceIdleSeconds = 30;

    @Inject
    public PgEventStorageEngine(PgEventLog log, Vertx vertx,
                                @ConfigProperty(name = "firedrill.event-store.read-batch", defaultValue = DEFAULT_READ_BATCH) int batchSize,
                                @ConfigProperty(name = "firedrill.event-store.poll-interval-ms", defaultValue = DEFAULT_POLL_INTERVAL_MS) long pollIntervalMs) {
        this.log = log;
        this.vertx = vertx;
        this.mapper = StoredPayloadMapper.create();
        this.batchSize = batchSize;
        this.pollIntervalMs = pollIntervalMs;
    }

    @Override
    public CompletableFuture<AppendTransaction<?>> appendEvents(AppendCondition condition, ProcessingContext context,
                                                                List<TaggedEventMessage<?>> events) {
        AppendRequest request;
        try {
            List<StoredEvent> stored = events.stream().map(this::toStored).toList();
            request = Objects.equals(condition.consistencyMarker(), ConsistencyMarker.INFINITY)
                    ? AppendRequest.unconditional(stored)
                    : AppendRequest.conditional(stored, filter(condition.criteria()),
                            GlobalIndexConsistencyMarker.position(condition.consistencyMarker()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.completedFuture(new Transaction(request));
    }

    @Override
    public MessageStream<EventMessage> source(SourcingCondition condition, ProcessingContext context) {
        long after = Math.max(0, GlobalIndexPosition.toIndex(condition.start())) - 1;
        EventFilter filter = filter(condition.criteria());
        Pump pump = new Pump(2 * batchSize + 1, filter, after, true);
        // The end is fixed when sourcing starts: positions follow commit order, so everything up to
        // the head is committed, and the head is the consistency marker to append against.
        CompletableFuture<?> started;
        if (filter.alternatives().stream().noneMatch(alternative -> alternative.tags().isEmpty())) {
            // An entity's stream, from its start or from where a command's cached state ends: the head and, for at
            // most one batch of events (the usual case), all of them in one statement. More are read through a
            // cursor up to that head.
            started = log.readStream(filter, after, batchSize).thenCompose(start -> start.complete()
                    ? CompletableFuture.completedFuture(pump.startFinite(start.head(), null, start.events()))
                    : log.openCursor(filter, after, start.head())
                            .thenApply(cursor -> pump.startFinite(start.head(), cursor, List.of())));
        } else {
            // Otherwise the rows come from one query through a cursor: one scan for the whole stream.
            started = log.head().thenCompose(end -> log.openCursor(filter, after, end)
                    .thenApply(cursor -> pump.startFinite(end, cursor, List.of())));
        }
        started.whenComplete((ignored, failure) -> {
            if (failure != null) {
                pump.stream.completeExceptionally(failure);
            }
        });
        return pump.stream;
    }

    @Override
    public MessageStream<EventMessage> stream(StreamingCondition condition, ProcessingContext context) {
        long after = condition.position().position().orElse(-1);
        Pump pump = new Pump(2 * batchSize, filter(condition.criteria()), after, false);
        pump.start(Long.MAX_VALUE);
        return pump.stream;
    }

    @Override
    public CompletableFuture<TrackingToken> firstToken(ProcessingContext context) {
        return CompletableFuture.completedFuture(new GlobalSequenceTrackingToken(-1));
    }

    @Override
    public CompletableFuture<TrackingToken> latestToken(ProcessingContext context) {
        return log.head().thenApply(GlobalSequenceTrackingToken::new);
    }

    @Override
    public CompletableFuture<TrackingToken> tokenAt(Instant at, ProcessingContext context) {
        return log.positionBefore(at).thenApply(GlobalSequenceTrackingToken::new);
    }

    @Override
    public void describeTo(ComponentDescriptor descriptor) {
        descriptor.describeProperty("storage", "PostgreSQL event_store_event");
        descriptor.describeProperty("readBatch", batchSize);
    }

    private StoredEvent toStored(TaggedEventMessage<?> tagged) {
        EventMessage event = tagged.event();
        Set<EventTag> tags = tagged.tags().stream().map(t -> new EventTag(t.key(), t.value())).collect(Collectors.toSet());
        return new StoredEvent(event.identifier(), event.type().name(), event.type().version(),
                payloadJson(event.payload()), new HashMap<>(event.metadata()), tags, event.timestamp());
    }

    /**
     * The payload as stored JSON: bytes and strings are JSON already (a re-appended or converted event),
     * anything else is written by the stored-payload mapper, as Axon's converter would after looking up
     * that it has no other route for it.
     */
    private String payloadJson(Object payload) {
        return switch (payload) {
            case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
            case String text -> text;
            default -> {
                try {
                    yield mapper.writeValueAsString(payload);
                } catch (JsonProcessingException e) {
                    throw new ConversionException("cannot write payload " + payload.getClass().getName() + " as JSON", e);
                }
            }
        };
    }

    private static EventMessage toMessage(StoredEvent stored) {
        return new GenericEventMessage(stored.eventId(), new MessageType(stored.typeName(), stored.typeVersion()),
                stored.payloadJson().getBytes(StandardCharsets.UTF_8), stored.metadata(), stored.timestamp());
    }

    static EventFilter filter(EventCriteria criteria) {
        if (!criteria.hasCriteria()) {
            return EventFilter.ALL;
        }
        List<EventFilter.Alternative> alternatives = new ArrayList<>();
        for (EventCriterion criterion : criteria.flatten()) {
            alternatives.add(new EventFilter.Alternative(
                    criterion.types().stream().map(QualifiedName::name).collect(Collectors.toSet()),
                    criterion.tags().stream().map(PgEventStorageEngine::tag).collect(Collectors.toSet())));
        }
        return alternatives.isEmpty() ? EventFilter.ALL : new EventFilter(alternatives);
    }

    private static EventTag tag(Tag tag) {
        return new EventTag(tag.key(), tag.value());
    }

    private final class Transaction implements AppendTransaction<Long> {

        private final AppendRequest request;
        private final AtomicBoolean finished = new AtomicBoolean();

        private Transaction(AppendRequest request) {
            this.request = request;
        }

        @Override
        public CompletableFuture<Long> commit(ProcessingContext context) {
            if (finished.getAndSet(true)) {
                return CompletableFuture.failedFuture(new IllegalStateException("already committed or rolled back"));
            }
            return log.append(request).handle((marker, failure) -> {
                if (failure == null) {
                    return marker;
                }
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof AppendConflictException conflict) {
                    throw AppendEventsTransactionRejectedException.conflictingEventsDetected(
                            new GlobalIndexConsistencyMarker(conflict.marker()));
                }
                throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
            });
        }

        @Override
        public void rollback(ProcessingContext context) {
            finished.set(true);
        }

        @Override
        public CompletableFuture<ConsistencyMarker> afterCommit(Long marker, ProcessingContext context) {
            return CompletableFuture.completedFuture(new GlobalIndexConsistencyMarker(marker));
        }
    }

    /**
     * Moves events from the log into a consumer's queue, one bounded batch at a time, whenever the
     * queue has room for a whole batch. A finite (sourcing) pump ends with the terminal entry that
     * carries the consistency marker; an endless (streaming) one polls for new events when it has
     * caught up.
     */
    private final class Pump {

        private final ArrayBlockingQueue<MessageStream.Entry<EventMessage>> queue;
        private final QueueMessageStream<EventMessage> stream;
        private final EventFilter filter;
        private final boolean finite;
        private long end;
        private long after;
        private PgEventLog.EventCursor cursor;
        private long watchdog = -1;
        private long lastActivity = System.nanoTime();
        private boolean fetching;
        private boolean done;

        Pump(int capacity, EventFilter filter, long after, boolean finite) {
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.stream = new QueueMessageStream<>(queue);
            this.filter = filter;
            this.after = after;
            this.finite = finite;
        }

        /** Starts an endless pump: it queries batch by batch up to {@code end}. */
        void start(long end) {
            synchronized (this) {
                this.end = end;
            }
            stream.onConsumeCallback(this::fill);
            fill();
        }

        /**
         * Starts a finite pump that ends at {@code end}: it reads from {@code cursor}, or, without one, delivers
         * {@code whole}, the stream already read.
         */
        Void startFinite(long end, PgEventLog.EventCursor cursor, List<PersistedEvent> whole) {
            synchronized (this) {
                this.end = end;
                this.cursor = cursor;
                this.fetching = cursor == null;
            }
            stream.onConsumeCallback(this::fill);
            if (cursor == null) {
                received(new PgEventLog.Batch(whole, end), null);
                return null;
            }
            // A consumer that closes the stream early, or stops reading, must not keep the
            // cursor's connection and transaction: the watchdog releases them.
            watchdog = vertx.setPeriodic(1_000, ignored -> checkAbandoned());
            fill();
            return null;
        }

        private void fill() {
            CompletableFuture<PgEventLog.Batch> next;
            synchronized (this) {
                lastActivity = System.nanoTime();
                if (fetching || done || stream.isClosed() || stream.isCompleted()
                        || queue.remainingCapacity() < batchSize) {
                    return;
                }
                fetching = true;
                long from = after;
                next = cursor != null
                        ? cursor.read(batchSize).thenApply(events -> new PgEventLog.Batch(events,
                                events.isEmpty() ? from : events.getLast().position()))
                        : log.read(filter, after, end, batchSize);
            }
            next.whenComplete(this::received);
        }

        private void checkAbandoned() {
            boolean abandoned;
            synchronized (this) {
                abandoned = !done && (stream.isClosed()
                        || System.nanoTime() - lastActivity > TimeUnit.SECONDS.toNanos(sourceIdleSeconds));
                if (abandoned) {
                    done = true;
                }
            }
            if (abandoned) {
                finish();
                stream.completeExceptionally(new TimeoutException(
                        "sourcing stream closed or not read for " + sourceIdleSeconds + " s; its cursor was released"));
            }
        }

        private void finish() {
            if (watchdog >= 0) {
                vertx.cancelTimer(watchdog);
            }
            if (cursor != null) {
                cursor.close();
            }
        }

        private void received(PgEventLog.Batch batch, Throwable failure) {
            if (failure != null) {
                synchronized (this) {
                    done = true;
                }
                finish();
                stream.completeExceptionally(failure);
                return;
            }
            List<PersistedEvent> events = batch.events();
            for (PersistedEvent event : events) {
                Context context = TrackingToken.addToContext(Context.empty(),
                        new GlobalSequenceTrackingToken(event.position()));
                stream.offer(toMessage(event.event()), context);
            }
            // a finite pump without a cursor was given its whole stream
            boolean caughtUp = events.size() < batchSize || (cursor != null ? !cursor.hasMore() : finite);
            boolean finished;
            synchronized (this) {
                // A short batch examined everything up to scannedTo: the next read starts there, not at the
                // last matching event, so rare event types do not make each poll rescan the same stretch.
                after = caughtUp ? batch.scannedTo() : events.getLast().position();
                fetching = false;
                lastActivity = System.nanoTime();
                finished = caughtUp && finite && !done;
                if (finished) {
                    done = true;
                }
            }
            if (finished) {
                finish();
                stream.offer(TerminalEventMessage.INSTANCE,
                        Context.with(ConsistencyMarker.RESOURCE_KEY, new GlobalIndexConsistencyMarker(end)));
                stream.complete();
            } else if (caughtUp && !finite) {
                vertx.setTimer(pollIntervalMs, ignored -> fill());
            } else if (!caughtUp) {
                fill();
            }
        }
    }
}

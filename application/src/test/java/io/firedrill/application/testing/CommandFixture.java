package io.firedrill.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.Failures;
import io.firedrill.application.port.in.NotFound;
import io.firedrill.application.port.in.VersionMismatch;
import io.firedrill.application.slice.CommandSettings;
import io.firedrill.application.slice.Slice;
import io.firedrill.application.slice.Slices;
import io.firedrill.application.slice.SourcedModel;
import io.firedrill.application.slice.SubjectLog;
import io.firedrill.domain.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import org.axonframework.common.configuration.AxonConfiguration;
import org.axonframework.common.infra.ComponentDescriptor;
import org.axonframework.eventsourcing.eventstore.AppendCondition;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.EventStoreTransaction;
import org.axonframework.eventsourcing.eventstore.SourcingCondition;
import org.axonframework.eventsourcing.eventstore.TaggedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.unitofwork.ProcessingContext;
import org.axonframework.messaging.core.unitofwork.UnitOfWorkFactory;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventhandling.TerminalEventMessage;
import org.axonframework.messaging.eventhandling.processing.streaming.token.TrackingToken;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.StreamingCondition;
import org.axonframework.messaging.eventstreaming.Tag;

/**
 * Given–when–then over the command path, without Quarkus or a database: the configuration the application runs
 * ({@code Slices.load().configurer(settings)}) on Axon's in-memory event storage engine, with a clock that stands still.
 *
 * <pre>{@code
 * fixture.given(aliceAtAcme, declared())
 *        .when(new AcknowledgeIncident(ID, BOB, null), bobAtAcme)
 *        .then(new IncidentAcknowledged(ID, BOB, NOW, NOW))
 *        .storedAs("incident.IncidentAcknowledged");
 * }</pre>
 *
 * <p>Given events are appended as a command sent in their context would have recorded them: under their stored
 * names, tagged by their slice, with the metadata of {@link CommandMetadata#forEvents} and a correlation and causation
 * id. The command is sent through Axon's command gateway with {@link CommandMetadata#of}. {@code then} reads the log
 * back from the event store: the command appended exactly the expected events, under their stored names, with the
 * metadata its context records (and Axon's correlation and causation ids), found under the tenant's tag. A command
 * that fails ({@code thenRule}, {@code thenNotFound}, {@code thenVersionMismatch}) must leave the log as it was.
 *
 * <p>Axon's own {@code AxonTestFixture} (axon-test 5.0.1) does not fit: its recording event store passes
 * {@code transaction(context)} straight through, so the events our handler appends through the transaction are
 * never recorded, and it compares in-flight messages rather than what the store holds.
 */
public final class CommandFixture implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 5;
    /** Axon adds both to the events a command appends: the id of the command message. */
    private static final List<String> CORRELATION = List.of("correlationId", "causationId");

    /** The application bounds its cached states (Caffeine); a fixture's few subjects need no bound. */
    private static final CommandSettings.BoundedMaps UNBOUNDED = new CommandSettings.BoundedMaps() {
        @Override
        public <K, V> ConcurrentMap<K, V> bounded(long maximumWeight, ToIntFunction<V> weigher) {
            return new ConcurrentHashMap<>();
        }
    };

    private final Slices slices = Slices.load();
    /** Folds off the caller's thread, as the application does. */
    private final ExecutorService folds = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, FOLD_THREAD));
    private final List<RecordedSourcing> sourcings = new CopyOnWriteArrayList<>();
    private final Set<String> decidingThreads = ConcurrentHashMap.newKeySet();
    private final EventStorageEngine storage = new InMemoryEventStorageEngine();
    private final Clock clock;
    private final AxonConfiguration configuration;
    private final EventStore eventStore;
    private final UnitOfWorkFactory unitsOfWork;
    private final SubjectLog log;

    private CommandFixture(Clock clock) {
        this.clock = clock;
        Clock watched = new Clock() {
            @Override
            public ZoneId getZone() {
                return clock.getZone();
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return clock.withZone(zone);
            }

            @Override
            public Instant instant() {
                decidingThreads.add(Thread.currentThread().getName());
                return clock.instant();
            }
        };
        this.configuration = slices.configurer(new CommandSettings(watched, CommandSettings.DEFAULT_CACHED_EVENTS, folds,
                        UNBOUNDED))
                .registerEventStorageEngine(ignored -> new RecordingEngine())
                .start();
        this.eventStore = configuration.getComponent(EventStore.class);
        this.unitsOfWork = configuration.getComponent(UnitOfWorkFactory.class);
        this.log = new SubjectLog(eventStore, unitsOfWork);
    }

    /** The thread the fixture's commands are folded and decided on. */
    public static final String FOLD_THREAD = "fixture-command-fold";

    /** Every sourcing the event store was asked for so far, by commands and by the fixture, oldest first. */
    public List<Sourcing> sourcings() {
        return sourcings.stream().map(recorded -> new Sourcing(recorded.condition(), recorded.events().get())).toList();
    }

    /** A sourcing and how many events it delivered. */
    public record Sourcing(SourcingCondition condition, int events) {
    }

    private record RecordedSourcing(SourcingCondition condition, AtomicInteger events) {
    }

    /** The threads commands asked the clock for "now" on, that is decided on. */
    public Set<String> decidingThreads() {
        return Set.copyOf(decidingThreads);
    }

    /** A fixture whose clock stands still at {@code now}. */
    public static CommandFixture at(Instant now) {
        return new CommandFixture(Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The log so far: {@code events} as commands sent in {@code context} would have recorded them (none is fine). */
    public Given given(CommandContext context, Object... events) {
        return new Given().and(context, List.of(events));
    }

    /** The log so far: a history of events as commands sent in {@code context} would have recorded them. */
    public Given given(CommandContext context, List<?> events) {
        return new Given().and(context, events);
    }

    /** The payloads of the stored events that match {@code criteria}, oldest first: one subject's log, say. */
    public List<Object> events(EventCriteria criteria) {
        return read(criteria).stream().map(EventMessage::payload).toList();
    }

    @Override
    public void close() {
        configuration.shutdown();
        folds.shutdown();
    }

    public final class Given {

        private Given() {
        }

        /** More of the log, recorded in another context (another tenant, actor or idempotent request). */
        public Given and(CommandContext context, Object... events) {
            return and(context, List.of(events));
        }

        /** A history more, recorded in another context. */
        public Given and(CommandContext context, List<?> events) {
            Map<String, String> metadata = new HashMap<>(CommandMetadata.forEvents(CommandMetadata.of(context)));
            String command = UUID.randomUUID().toString();
            CORRELATION.forEach(key -> metadata.put(key, command));
            List<EventMessage> messages = events.stream().<EventMessage>map(event -> new GenericEventMessage(
                    UUID.randomUUID().toString(), slices.storedEvents().typeOf(event), event, metadata,
                    recordedAt(event))).toList();
            try {
                await(unitsOfWork.create().executeWithResult(processing -> {
                    EventStoreTransaction transaction = eventStore.transaction(processing);
                    messages.forEach(transaction::appendEvent);
                    return CompletableFuture.completedFuture(null);
                }));
            } catch (ExecutionException e) {
                throw new AssertionError("the given events could not be appended", Failures.unwrap(e));
            }
            return this;
        }

        /** Sends {@code command} through Axon's command gateway with the metadata of {@code context}. */
        public When when(Object command, CommandContext context) {
            List<EventMessage> before = all();
            CommandGateway gateway = configuration.getComponent(CommandGateway.class);
            try {
                return new When(context, before, await(gateway.send(command, CommandMetadata.of(context))
                        .resultAs(CommandOutcome.class)), null);
            } catch (ExecutionException e) {
                return new When(context, before, null, Failures.unwrap(e));
            }
        }
    }

    public final class When {

        private final CommandContext context;
        private final List<EventMessage> before;
        private final CommandOutcome<?> outcome;
        private final Throwable failure;

        private When(CommandContext context, List<EventMessage> before, CommandOutcome<?> outcome, Throwable failure) {
            this.context = context;
            this.before = before;
            this.outcome = outcome;
            this.failure = failure;
        }

        /** The command succeeded and appended exactly {@code expected}, in order, as its context records them. */
        public Then then(Object... expected) {
            if (failure != null) {
                throw new AssertionError("the command failed instead of appending " + List.of(expected), failure);
            }
            List<EventMessage> appended = appendedSince(before);
            assertThat(appended).extracting(EventMessage::payload).as("the events appended").containsExactly(expected);
            assertThat(appended).extracting(EventMessage::type).as("their stored names and versions")
                    .containsExactlyElementsOf(List.of(expected).stream().map(slices.storedEvents()::typeOf).toList());
            Map<String, String> recorded = CommandMetadata.forEvents(CommandMetadata.of(context));
            assertThat(appended).allSatisfy(message -> {
                Map<String, String> metadata = new HashMap<>(message.metadata());
                CORRELATION.forEach(key -> assertThat(metadata.remove(key)).as(key).isNotBlank());
                assertThat(metadata).as("the metadata of %s", message.type()).isEqualTo(recorded);
            });
            assertThat(appended.stream().map(message -> message.metadata().get("causationId")).distinct())
                    .as("the causation ids: all the one command's").hasSizeLessThan(2);
            Tag tenant = Tag.of(CommandMetadata.TENANT, context.tenant().value());
            assertThat(appended).extracting(EventMessage::identifier).as("found under the tenant's tag")
                    .isSubsetOf(read(EventCriteria.havingTags(tenant)).stream().map(EventMessage::identifier).toList());
            assertThat(outcome.appended()).as("the outcome's count of appended events").isEqualTo(expected.length);
            return new Then(outcome, appended);
        }

        /** The command succeeded and changed nothing (a retry, or a repeat of an applied request). */
        public CommandOutcome<?> thenNothingAppended() {
            return then().outcome();
        }

        /** The command broke the rule with this code, and nothing was appended. */
        public RuleViolation thenRule(String code) {
            RuleViolation violation = thenFailedWith(RuleViolation.class);
            assertThat(violation.code()).as("the rule broken").isEqualTo(code);
            return violation;
        }

        /** The command's subject does not exist in the context's tenant, and nothing was appended. */
        public NotFound thenNotFound() {
            return thenFailedWith(NotFound.class);
        }

        /** The subject was not at the context's expected version, and nothing was appended. */
        public VersionMismatch thenVersionMismatch() {
            return thenFailedWith(VersionMismatch.class);
        }

        /** The command failed with a {@code type}, and nothing was appended. */
        public <T extends Throwable> T thenFailedWith(Class<T> type) {
            if (failure == null) {
                fail("expected the command to fail with %s, but it succeeded with %s", type.getSimpleName(), outcome);
            }
            if (!type.isInstance(failure)) {
                throw new AssertionError("expected the command to fail with " + type.getSimpleName()
                        + ", but it failed with", failure);
            }
            assertThat(appendedSince(before)).as("the events appended by a failed command").isEmpty();
            return type.cast(failure);
        }
    }

    /**
     * What the command did and appended.
     *
     * @param appended the appended events, as read back from the event store
     */
    public record Then(CommandOutcome<?> outcome, List<EventMessage> appended) {

        /** The stored names of the appended events, spelled out. */
        public Then storedAs(String... names) {
            assertThat(appended).extracting(EventMessage::type).extracting(MessageType::name).containsExactly(names);
            return this;
        }
    }

    /** The events appended after {@code before}, which must still stand unchanged at the head of the log. */
    private List<EventMessage> appendedSince(List<EventMessage> before) {
        List<EventMessage> now = all();
        assertThat(now).as("the log").hasSizeGreaterThanOrEqualTo(before.size());
        assertThat(now.subList(0, before.size())).extracting(EventMessage::identifier).as("the log before the command")
                .containsExactlyElementsOf(before.stream().map(EventMessage::identifier).toList());
        return now.subList(before.size(), now.size());
    }

    /** Records what is sourced, and otherwise lets the fixture's current engine do the work. */
    private final class RecordingEngine implements EventStorageEngine {

        @Override
        public CompletableFuture<AppendTransaction<?>> appendEvents(AppendCondition condition, ProcessingContext context,
                                                                    List<TaggedEventMessage<?>> events) {
            return storage.appendEvents(condition, context, events);
        }

        @Override
        public MessageStream<EventMessage> source(SourcingCondition condition, ProcessingContext context) {
            AtomicInteger delivered = new AtomicInteger();
            sourcings.add(new RecordedSourcing(condition, delivered));
            return storage.source(condition, context).onNext(entry -> {
                if (!(entry.message() instanceof TerminalEventMessage)) {
                    delivered.incrementAndGet();
                }
            });
        }

        @Override
        public MessageStream<EventMessage> stream(StreamingCondition condition, ProcessingContext context) {
            return storage.stream(condition, context);
        }

        @Override
        public CompletableFuture<TrackingToken> firstToken(ProcessingContext context) {
            return storage.firstToken(context);
        }

        @Override
        public CompletableFuture<TrackingToken> latestToken(ProcessingContext context) {
            return storage.latestToken(context);
        }

        @Override
        public CompletableFuture<TrackingToken> tokenAt(Instant at, ProcessingContext context) {
            return storage.tokenAt(at, context);
        }

        @Override
        public void describeTo(ComponentDescriptor descriptor) {
            storage.describeTo(descriptor);
        }
    }

    private List<EventMessage> all() {
        return read(EventCriteria.havingAnyTag());
    }

    private List<EventMessage> read(EventCriteria criteria) {
        try {
            return await(log.read(criteria));
        } catch (ExecutionException e) {
            throw new AssertionError("the event store failed", Failures.unwrap(e));
        }
    }

    /** The stored timestamp the slice's command handler gives the event (the clock's, for a slice without one). */
    @SuppressWarnings("unchecked")
    private Instant recordedAt(Object event) {
        for (Slice slice : slices.all()) {
            if (slice.events().eventType().isInstance(event) && !slice.commands().isEmpty()) {
                return ((SourcedModel<?, Object, ?>) slice.commands().getFirst().model()).recordedAt(event);
            }
        }
        return clock.instant();
    }

    private static <T> T await(Future<T> future) throws ExecutionException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}

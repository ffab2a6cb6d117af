package io.firedrill.bootstrap.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.axonframework.conversion.Converter;
import org.axonframework.conversion.json.JacksonConverter;
import org.axonframework.eventsourcing.eventstore.AppendCondition;
import org.axonframework.eventsourcing.eventstore.AppendEventsTransactionRejectedException;
import org.axonframework.eventsourcing.eventstore.ConsistencyMarker;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.GenericTaggedEventMessage;
import org.axonframework.eventsourcing.eventstore.SourcingCondition;
import org.axonframework.eventsourcing.eventstore.TaggedEventMessage;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventhandling.TerminalEventMessage;
import org.axonframework.messaging.eventhandling.processing.streaming.token.TrackingToken;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.StreamingCondition;
import org.axonframework.messaging.eventstreaming.Tag;
import org.junit.jupiter.api.Test;

/**
 * The behaviour Firedrill relies on from an {@link EventStorageEngine}, checked against Axon's
 * in-memory engine (the reference) and against Firedrill's PostgreSQL engine. Every test works on
 * tags of its own and on tokens taken during the test, so it holds on a log that already has events.
 */
abstract class EventStorageEngineContract {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Converter CONVERTER = new JacksonConverter();

    /** A payload as a test writes it and reads it back. */
    record Noted(String text, int n) {
    }

    abstract EventStorageEngine engine();

    @Test
    void sourcingByTagReturnsTheTaggedEventsInAppendOrderThenTheConsistencyMarker() throws Exception {
        Tag mine = uniqueTag();
        Tag other = uniqueTag();
        append(AppendCondition.none(), event("test.Declared", 1, mine), event("test.Noted", 2, other),
                event("test.Noted", 3, mine, other), event("test.Noted", 4, mine));

        Sourced sourced = source(EventCriteria.havingTags(mine));

        assertThat(sourced.payloads()).extracting(Noted::n).containsExactly(1, 3, 4);
        assertThat(sourced.marker()).isPresent();
    }

    @Test
    void sourcingCanBeNarrowedToEventTypes() throws Exception {
        Tag mine = uniqueTag();
        append(AppendCondition.none(), event("test.Declared", 1, mine), event("test.Noted", 2, mine),
                event("test.Resolved", 3, mine));

        Sourced sourced = source(EventCriteria.havingTags(mine).andBeingOneOfTypes(
                new org.axonframework.messaging.core.QualifiedName("test.Declared"),
                new org.axonframework.messaging.core.QualifiedName("test.Resolved")));

        assertThat(sourced.payloads()).extracting(Noted::n).containsExactly(1, 3);
        assertThat(sourced.events()).extracting(e -> e.type().name()).containsExactly("test.Declared", "test.Resolved");
    }

    @Test
    void eitherCriteriaMatchesEventsOfAnyAlternative() throws Exception {
        Tag a = uniqueTag();
        Tag b = uniqueTag();
        append(AppendCondition.none(), event("test.Noted", 1, a), event("test.Noted", 2, b), event("test.Noted", 3, uniqueTag()));

        Sourced sourced = source(EventCriteria.either(EventCriteria.havingTags(a), EventCriteria.havingTags(b)));

        assertThat(sourced.payloads()).extracting(Noted::n).containsExactly(1, 2);
    }

    @Test
    void anAppendConditionedOnTheSourcedMarkerSucceedsWhenNothingMatchingWasAppendedSince() throws Exception {
        Tag mine = uniqueTag();
        append(AppendCondition.none(), event("test.Noted", 1, mine));
        ConsistencyMarker marker = source(EventCriteria.havingTags(mine)).marker().orElseThrow();
        append(AppendCondition.none(), event("test.Noted", 2, uniqueTag()));

        append(AppendCondition.withCriteria(EventCriteria.havingTags(mine)).withMarker(marker), event("test.Noted", 3, mine));

        assertThat(source(EventCriteria.havingTags(mine)).payloads()).extracting(Noted::n).containsExactly(1, 3);
    }

    @Test
    void anAppendConditionedOnAStaleMarkerIsRejectedAndStoresNothing() throws Exception {
        Tag mine = uniqueTag();
        append(AppendCondition.none(), event("test.Noted", 1, mine));
        ConsistencyMarker marker = source(EventCriteria.havingTags(mine)).marker().orElseThrow();
        append(AppendCondition.none(), event("test.Noted", 2, mine));

        assertThatThrownBy(() -> append(AppendCondition.withCriteria(EventCriteria.havingTags(mine)).withMarker(marker),
                event("test.Noted", 3, mine)))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(AppendEventsTransactionRejectedException.class);
        assertThat(source(EventCriteria.havingTags(mine)).payloads()).extracting(Noted::n).containsExactly(1, 2);
    }

    @Test
    void aRolledBackAppendStoresNothing() throws Exception {
        Tag mine = uniqueTag();
        var transaction = engine().appendEvents(AppendCondition.none(), null, List.of(event("test.Noted", 1, mine)))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        transaction.rollback(null);

        assertThat(source(EventCriteria.havingTags(mine)).events()).isEmpty();
    }

    @Test
    void streamingFromTheLatestTokenDeliversLaterEventsInOrderAndResumesFromAnEntrysToken() throws Exception {
        Tag mine = uniqueTag();
        TrackingToken latest = engine().latestToken(null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        append(AppendCondition.none(), event("test.Noted", 1, mine), event("test.Noted", 2, mine));
        append(AppendCondition.none(), event("test.Noted", 3, mine));

        List<MessageStream.Entry<EventMessage>> streamed = stream(StreamingCondition.conditionFor(latest,
                EventCriteria.havingTags(mine)), 3);
        assertThat(streamed).extracting(e -> payload(e.message()).n()).containsExactly(1, 2, 3);
        List<TrackingToken> tokens = streamed.stream().map(e -> TrackingToken.fromContext(e).orElseThrow()).toList();
        assertThat(tokens.get(1).covers(tokens.get(0))).isTrue();
        assertThat(tokens.get(0).covers(tokens.get(1))).isFalse();

        List<MessageStream.Entry<EventMessage>> resumed = stream(StreamingCondition.conditionFor(tokens.get(1),
                EventCriteria.havingTags(mine)), 1);
        assertThat(resumed).extracting(e -> payload(e.message()).n()).containsExactly(3);
    }

    @Test
    void aStreamWaitsForEventsAppendedAfterItStarted() throws Exception {
        Tag mine = uniqueTag();
        TrackingToken latest = engine().latestToken(null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        MessageStream<EventMessage> stream = engine().stream(StreamingCondition.conditionFor(latest,
                EventCriteria.havingTags(mine)), null);
        try {
            CompletableFuture<List<MessageStream.Entry<EventMessage>>> received =
                    CompletableFuture.supplyAsync(() -> take(stream, 2));
            append(AppendCondition.none(), event("test.Noted", 1, mine));
            append(AppendCondition.none(), event("test.Noted", 2, mine));

            assertThat(received.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .extracting(e -> payload(e.message()).n()).containsExactly(1, 2);
            assertThat(stream.isCompleted()).isFalse();
        } finally {
            stream.close();
        }
    }

    @Test
    void tokenAtAFutureInstantStreamsOnlyWhatIsAppendedLater() throws Exception {
        Tag mine = uniqueTag();
        append(AppendCondition.none(), event("test.Noted", 1, mine));
        TrackingToken token = engine().tokenAt(Instant.now().plusSeconds(3600), null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        append(AppendCondition.none(), event("test.Noted", 2, mine));

        assertThat(stream(StreamingCondition.conditionFor(token, EventCriteria.havingTags(mine)), 1))
                .extracting(e -> payload(e.message()).n()).containsExactly(2);
    }

    @Test
    void aStreamOfTenThousandEventsIsSourcedCompletelyAndInOrder() throws Exception {
        Tag mine = uniqueTag();
        int total = 10_000;
        List<CompletableFuture<?>> appends = new ArrayList<>();
        for (int first = 0; first < total; first += 100) {
            List<TaggedEventMessage<?>> events = new ArrayList<>();
            for (int n = first; n < first + 100; n++) {
                events.add(event("test.Noted", n, mine));
            }
            appends.add(engine().appendEvents(AppendCondition.none(), null, events)
                    .thenCompose(transaction -> transaction.commit(null)));
        }
        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

        Sourced sourced = source(EventCriteria.havingTags(mine));

        assertThat(sourced.events()).hasSize(total);
        List<Integer> numbers = sourced.payloads().stream().map(Noted::n).toList();
        assertThat(new HashSet<>(numbers)).hasSize(total);
        for (int first = 0; first < total; first += 100) {
            int start = numbers.indexOf(first);
            assertThat(numbers.subList(start, start + 100)).as("one append's events stay together and in order")
                    .isEqualTo(java.util.stream.IntStream.range(first, first + 100).boxed().toList());
        }
    }

    // ---------------------------------------------------------------- helpers

    static Tag uniqueTag() {
        return Tag.of("test", UUID.randomUUID().toString());
    }

    static TaggedEventMessage<EventMessage> event(String type, int n, Tag... tags) {
        return new GenericTaggedEventMessage<>(
                new GenericEventMessage(new MessageType(type), new Noted("event " + n, n)), new HashSet<>(Arrays.asList(tags)));
    }

    void append(AppendCondition condition, TaggedEventMessage<?>... events) throws Exception {
        engine().appendEvents(condition, null, List.of(events))
                .thenCompose(transaction -> transaction.commit(null))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    static Noted payload(EventMessage event) {
        return event.payloadAs(Noted.class, CONVERTER);
    }

    record Sourced(List<EventMessage> events, Optional<ConsistencyMarker> marker) {
        List<Noted> payloads() {
            return events.stream().map(EventStorageEngineContract::payload).toList();
        }
    }

    Sourced source(EventCriteria criteria) {
        MessageStream<EventMessage> stream = engine().source(SourcingCondition.conditionFor(criteria), null);
        List<EventMessage> events = new ArrayList<>();
        Optional<ConsistencyMarker> marker = Optional.empty();
        for (MessageStream.Entry<EventMessage> entry : takeUntilCompleted(stream)) {
            if (entry.message() instanceof TerminalEventMessage) {
                marker = Optional.ofNullable(entry.getResource(ConsistencyMarker.RESOURCE_KEY));
            } else {
                events.add(entry.message());
            }
        }
        return new Sourced(events, marker);
    }

    List<MessageStream.Entry<EventMessage>> stream(StreamingCondition condition, int count) {
        MessageStream<EventMessage> stream = engine().stream(condition, null);
        try {
            List<MessageStream.Entry<EventMessage>> entries = take(stream, count);
            return entries;
        } finally {
            stream.close();
        }
    }

    /** Takes entries until the stream completes. */
    static List<MessageStream.Entry<EventMessage>> takeUntilCompleted(MessageStream<EventMessage> stream) {
        return take(stream, Integer.MAX_VALUE);
    }

    /** Takes {@code count} entries, or fewer if the stream completes first, waiting on the stream's callback. */
    static List<MessageStream.Entry<EventMessage>> take(MessageStream<EventMessage> stream, int count) {
        Semaphore signal = new Semaphore(0);
        stream.setCallback(signal::release);
        List<MessageStream.Entry<EventMessage>> entries = new ArrayList<>();
        Instant deadline = Instant.now().plus(WAIT);
        while (entries.size() < count) {
            Optional<MessageStream.Entry<EventMessage>> next = stream.next();
            if (next.isPresent()) {
                entries.add(next.get());
                continue;
            }
            if (stream.error().isPresent()) {
                throw new AssertionError("the stream failed", stream.error().get());
            }
            if (stream.isCompleted()) {
                break;
            }
            try {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0 || !signal.tryAcquire(Math.min(left, 50), TimeUnit.MILLISECONDS) && Instant.now().isAfter(deadline)) {
                    throw new AssertionError("only " + entries.size() + " of " + count + " entries within " + WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return entries;
    }

    static Set<Tag> tags(Tag... tags) {
        return Set.of(tags);
    }
}

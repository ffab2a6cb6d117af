package io.firedrill.application.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.firedrill.application.slice.StoredEventsUpcastingTest.PagingEvent.ResponderPaged;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.axonframework.conversion.Converter;
import org.axonframework.conversion.json.JacksonConverter;
import org.axonframework.eventsourcing.eventstore.AppendCondition;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.GenericTaggedEventMessage;
import org.axonframework.eventsourcing.eventstore.SourcingCondition;
import org.axonframework.eventsourcing.eventstore.TaggedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventhandling.TerminalEventMessage;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.Tag;
import org.junit.jupiter.api.Test;

/**
 * The upcasting path end to end: a payload stored as version 1 JSON bytes in Axon's in-memory event store is read
 * back by {@link StoredEvents#read} as today's version 2 record, through the slice's upcaster.
 */
class StoredEventsUpcastingTest {

    /** {@code paging.ResponderPaged} version 1, as the code of its day wrote it. */
    record ResponderPagedV1(String who, int level) {
    }

    /** Today's events of the test slice. */
    sealed interface PagingEvent {

        /** Version 2: {@code who} is now {@code responder}, and the {@code channel} paged is new (version 1 only paged by pager). */
        record ResponderPaged(String responder, int level, String channel) implements PagingEvent {
        }
    }

    /** Version 1 → 2 on the JSON object tree: one field renamed, one added with the value version 1 implied. */
    static final UnaryOperator<Map<String, Object>> V1_TO_V2 = v1 -> {
        Map<String, Object> v2 = new LinkedHashMap<>(v1);
        v2.put("responder", v2.remove("who"));
        v2.putIfAbsent("channel", "pager");
        return v2;
    };

    static final EventTypes<PagingEvent> TODAY = EventTypes.of("paging", PagingEvent.class)
            .event("paging.ResponderPaged", 2, ResponderPaged.class)
            .upcaster("paging.ResponderPaged", 1, "paging.ResponderPaged", 2, V1_TO_V2)
            .tags((event, metadata) -> Set.of())
            .build();

    /** Today's events of the test slice after a rename: {@code paging.ResponderPaged} v2 became {@code paging.Paged} v1. */
    static final EventTypes<PagingEvent> RENAMED = EventTypes.of("paging", PagingEvent.class)
            .event("paging.Paged", 1, ResponderPaged.class)
            .upcaster("paging.ResponderPaged", 1, "paging.ResponderPaged", 2, V1_TO_V2)
            .upcaster("paging.ResponderPaged", 2, "paging.Paged", 1, UnaryOperator.identity())
            .tags((event, metadata) -> Set.of())
            .build();

    /** As the stored payload mapper in production: an older reader ignores a field it does not know. */
    private final Converter converter = new JacksonConverter(JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build());
    private final EventStorageEngine engine = new InMemoryEventStorageEngine();
    private final Tag stream = Tag.of("pagingTest", UUID.randomUUID().toString());

    @Test
    void givenAVersion1PayloadInTheEventStore_whenReadToday_thenItIsUpcastToVersion2() throws Exception {
        byte[] v1 = converter.convert(new ResponderPagedV1("alice", 2), byte[].class);
        assertThat(new String(v1, StandardCharsets.UTF_8)).isEqualTo("{\"who\":\"alice\",\"level\":2}");
        append(stored("paging.ResponderPaged", "1", v1),
                stored("paging.ResponderPaged", "2", converter.convert(new ResponderPaged("bob", 1, "phone"), byte[].class)));

        List<EventMessage> sourced = source();

        assertThat(sourced).extracting(EventMessage::type).containsExactly(
                new MessageType("paging.ResponderPaged", "1"), new MessageType("paging.ResponderPaged", "2"));
        assertThat(sourced).extracting(EventMessage::payload).allSatisfy(payload -> assertThat(payload).isInstanceOf(byte[].class));
        StoredEvents storedEvents = new StoredEvents(List.of(TODAY));
        assertThat(sourced).extracting(message -> storedEvents.read(TODAY, message, converter)).containsExactly(
                Optional.of(new ResponderPaged("alice", 2, "pager")),
                Optional.of(new ResponderPaged("bob", 1, "phone")));
    }

    @Test
    void givenAStoredNameRenamedAfterVersion2_whenReadToday_thenBothUpcastersRunInTurn() throws Exception {
        EventTypes<PagingEvent> renamed = RENAMED;
        append(stored("paging.ResponderPaged", "1", converter.convert(new ResponderPagedV1("alice", 2), byte[].class)),
                stored("paging.ResponderPaged", "2", converter.convert(new ResponderPaged("bob", 1, "phone"), byte[].class)),
                stored("paging.Paged", "1", converter.convert(new ResponderPaged("carol", 3, "chat"), byte[].class)));

        StoredEvents storedEvents = new StoredEvents(List.of(renamed));

        assertThat(source()).extracting(message -> storedEvents.read(renamed, message, converter)).containsExactly(
                Optional.of(new ResponderPaged("alice", 2, "pager")),
                Optional.of(new ResponderPaged("bob", 1, "phone")),
                Optional.of(new ResponderPaged("carol", 3, "chat")));
        assertThat(storedEvents.namesOf(renamed)).extracting(name -> name.name())
                .containsExactlyInAnyOrder("paging.Paged", "paging.ResponderPaged");
    }

    @Test
    void theEventFeedSeesAStoredPayloadInTodaysNameVersionAndSchema_andTodaysBytesUntouched() {
        EventTypes<PagingEvent> renamed = RENAMED;
        StoredEvents storedEvents = new StoredEvents(List.of(renamed));

        StoredEvents.Current old = storedEvents.current("paging.ResponderPaged", "1",
                "{\"who\":\"alice\",\"level\":2}".getBytes(StandardCharsets.UTF_8), converter).orElseThrow();
        assertThat(old.name()).isEqualTo("paging.Paged");
        assertThat(old.version()).isEqualTo(1);
        assertThat(converter.convert(old.payloadJson(), Map.class))
                .isEqualTo(Map.of("responder", "alice", "level", 2, "channel", "pager"));

        byte[] today = "{\"responder\":\"carol\",\"level\":3,\"channel\":\"chat\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(storedEvents.current("paging.Paged", "1", today, converter).orElseThrow().payloadJson()).isSameAs(today);
        assertThat(storedEvents.current("other.Component", "1", today, converter)).isEmpty();
        assertThatThrownBy(() -> storedEvents.current("paging.Paged", "7", today, converter))
                .isInstanceOf(StoredEvents.UnreadableVersion.class);
        // a filter on today's name also finds the events stored under the old one
        assertThat(storedEvents.storedNamesOf("paging.Paged")).containsExactlyInAnyOrder("paging.Paged", "paging.ResponderPaged");
    }

    @Test
    void givenNoUpcaster_thenVersion1IsNotReadAsToday() throws Exception {
        EventTypes<PagingEvent> withoutUpcaster = EventTypes.of("paging", PagingEvent.class)
                .event("paging.ResponderPaged", 2, ResponderPaged.class)
                .tags((event, metadata) -> Set.of())
                .build();
        append(stored("paging.ResponderPaged", "1", converter.convert(new ResponderPagedV1("alice", 2), byte[].class)));

        StoredEvents storedEvents = new StoredEvents(List.of(withoutUpcaster));

        EventMessage v1 = source().getFirst();
        assertThat(storedEvents.storedTypeOf(v1.type())).isEmpty();
        assertThatThrownBy(() -> storedEvents.read(withoutUpcaster, v1, converter)).as("never skipped")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no upcaster carries");
        assertThat(FrozenStoredTypes.violations(Set.of("paging.ResponderPaged 1", "paging.ResponderPaged 2"), storedEvents))
                .singleElement().asString().contains("can no longer be read", "add an upcaster");
    }

    @Test
    void upcastersThatGoRoundInACircleAreRefusedWhenTheSlicesLoad() {
        EventTypes<PagingEvent> circular = EventTypes.of("paging", PagingEvent.class)
                .event("paging.Paged", 1, ResponderPaged.class)
                .upcaster("paging.ResponderPaged", 1, "paging.ResponderPaged", 2, UnaryOperator.identity())
                .upcaster("paging.ResponderPaged", 2, "paging.ResponderPaged", 1, UnaryOperator.identity())
                .tags((event, metadata) -> Set.of())
                .build();

        assertThatThrownBy(() -> new StoredEvents(List.of(circular)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("circle");
    }

    @Test
    void anUpcasterThatLeadsToNoDeclaredTypeIsRefusedWhenTheSlicesLoad() {
        EventTypes<PagingEvent> deadEnd = EventTypes.of("paging", PagingEvent.class)
                .event("paging.Paged", 1, ResponderPaged.class)
                .upcaster("paging.ResponderPaged", 1, "paging.Gone", 1, UnaryOperator.identity())
                .tags((event, metadata) -> Set.of())
                .build();

        assertThatThrownBy(() -> new StoredEvents(List.of(deadEnd)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("leads to no declared type");
    }

    private TaggedEventMessage<EventMessage> stored(String name, String version, byte[] json) {
        return new GenericTaggedEventMessage<>(new GenericEventMessage(new MessageType(name, version), json), Set.of(stream));
    }

    @SafeVarargs
    private void append(TaggedEventMessage<EventMessage>... events) throws Exception {
        engine.appendEvents(AppendCondition.none(), null, List.of(events))
                .thenCompose(transaction -> transaction.commit(null))
                .get(10, TimeUnit.SECONDS);
    }

    private List<EventMessage> source() throws Exception {
        return engine.source(SourcingCondition.conditionFor(EventCriteria.havingTags(stream)), null)
                .reduce(new ArrayList<EventMessage>(), (events, entry) -> {
                    if (!(entry.message() instanceof TerminalEventMessage)) {
                        events.add(entry.message());
                    }
                    return events;
                })
                .get(10, TimeUnit.SECONDS);
    }
}

package io.firedrill.bootstrap.tokenstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firedrill.adapter.persistence.eventstore.PgEventStorageEngine;
import io.firedrill.adapter.persistence.tokenstore.PgTokenStore;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.AppendCondition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.GenericTaggedEventMessage;
import org.axonframework.eventsourcing.eventstore.TaggedEventMessage;
import org.axonframework.messaging.core.EmptyApplicationContext;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.core.unitofwork.SimpleUnitOfWorkFactory;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventhandling.SimpleEventHandlingComponent;
import org.axonframework.messaging.eventhandling.processing.streaming.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.eventhandling.processing.streaming.pooled.PooledStreamingEventProcessorConfiguration;
import org.axonframework.messaging.eventhandling.processing.streaming.segmenting.EventTrackerStatus;
import org.axonframework.messaging.eventhandling.processing.streaming.segmenting.Segment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two Firedrill instances run one pooled streaming processor over the PostgreSQL event and token
 * stores: they share its segments, and when one dies without releasing its claims, the other takes
 * its segments over once the claims expire and goes on where the dead one stopped.
 */
@QuarkusTest
class ProcessorTakeoverTest {

    private static final QualifiedName TYPE = new QualifiedName("test.Takeover");
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(2);

    @Inject
    EventStore eventStore;

    @Inject
    PgEventStorageEngine engine;

    @Inject
    Pool pool;

    private final String processorName = "takeover-" + UUID.randomUUID();
    private final List<Handled> handled = new CopyOnWriteArrayList<>();
    private final List<Node> nodes = new ArrayList<>();

    record Handled(String node, int segment, String eventId) {
    }

    record Node(String id, PooledStreamingEventProcessor processor, ScheduledExecutorService coordinator,
                ScheduledExecutorService workers) {
    }

    @AfterEach
    void stopNodes() {
        for (Node node : nodes) {
            node.coordinator.shutdownNow();
            node.workers.shutdownNow();
        }
    }

    @Test
    void nodesShareSegmentsAndASurvivorTakesOverTheSegmentsOfADeadNode() throws Exception {
        Node a = start("node-a", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> a.processor.processingStatus().size() == 1);
        Node b = start("node-b", Integer.MAX_VALUE);
        await().atMost(Duration.ofSeconds(20)).until(() -> b.processor.processingStatus().size() == 1);

        Set<String> first = append(200);
        awaitHandled(first);
        assertThat(handled).extracting(Handled::node).contains("node-a", "node-b");
        awaitTokensStored(a);

        // node-a dies: its threads stop, its claims stay in the token store until they expire
        a.coordinator.shutdownNow();
        a.workers.shutdownNow();
        await().atMost(CLAIM_TIMEOUT.multipliedBy(10)).until(() -> b.processor.processingStatus().size() == 2);

        Set<String> second = append(200);
        awaitHandled(second);

        Map<String, Long> timesHandled = new ConcurrentHashMap<>();
        handled.forEach(h -> timesHandled.merge(h.eventId, 1L, Long::sum));
        assertThat(timesHandled.values()).as("every event handled exactly once").containsOnly(1L);
        assertThat(handled).filteredOn(h -> second.contains(h.eventId)).extracting(Handled::node).containsOnly("node-b");
    }

    private Node start(String nodeId, int maxSegments) {
        ScheduledExecutorService coordinator = Executors.newScheduledThreadPool(1);
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(2);
        // one sequence per event, so that events spread over both segments
        SimpleEventHandlingComponent component = new SimpleEventHandlingComponent(
                (event, context) -> Optional.of(event.identifier()));
        component.subscribe(TYPE, (event, context) -> {
            int segment = Segment.fromContext(context).map(Segment::getSegmentId).orElse(-1);
            handled.add(new Handled(nodeId, segment, event.identifier()));
            return MessageStream.empty();
        });
        PooledStreamingEventProcessorConfiguration configuration = new PooledStreamingEventProcessorConfiguration()
                .eventSource(eventStore)
                .unitOfWorkFactory(new SimpleUnitOfWorkFactory(EmptyApplicationContext.INSTANCE))
                .tokenStore(new PgTokenStore(pool, nodeId, CLAIM_TIMEOUT))
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(2)
                .maxClaimedSegments(maxSegments)
                .tokenClaimInterval(200)
                .claimExtensionThreshold(500)
                .initialToken(source -> source.latestToken(null));
        PooledStreamingEventProcessor processor = new PooledStreamingEventProcessor(processorName, List.of(component), configuration);
        processor.start().orTimeout(20, TimeUnit.SECONDS).join();
        Node node = new Node(nodeId, processor, coordinator, workers);
        nodes.add(node);
        return node;
    }

    private Set<String> append(int count) throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        List<TaggedEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            GenericEventMessage event = new GenericEventMessage(new MessageType(TYPE.name()), Map.of("n", i));
            ids.add(event.identifier());
            events.add(new GenericTaggedEventMessage<>(event, Set.of()));
        }
        engine.appendEvents(AppendCondition.none(), null, events)
                .thenCompose(transaction -> transaction.commit(null))
                .get(20, TimeUnit.SECONDS);
        return ids;
    }

    private void awaitHandled(Set<String> ids) {
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.stream().map(Handled::eventId)
                .filter(ids::contains).distinct().count() == ids.size());
    }

    /** Waits until the node has recorded, for each of its segments, that it is at the head. */
    private void awaitTokensStored(Node node) throws Exception {
        long head = engine.latestToken(null).get(10, TimeUnit.SECONDS).position().orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> node.processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .allMatch(position -> position.isPresent() && position.getAsLong() >= head));
    }
}

package io.firedrill.bootstrap.tokenstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.firedrill.adapter.persistence.tokenstore.PgTokenStore;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.eventhandling.processing.streaming.segmenting.Segment;
import org.axonframework.messaging.eventhandling.processing.streaming.token.GlobalSequenceTrackingToken;
import org.axonframework.messaging.eventhandling.processing.streaming.token.ReplayToken;
import org.axonframework.messaging.eventhandling.processing.streaming.token.TrackingToken;
import org.axonframework.messaging.eventhandling.processing.streaming.token.store.UnableToClaimTokenException;
import org.axonframework.messaging.eventhandling.processing.streaming.token.store.UnableToInitializeTokenException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two Firedrill nodes sharing one processor's segments through the PostgreSQL token store. */
@QuarkusTest
class PgTokenStoreTest {

    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(1);

    @Inject
    Pool pool;

    private PgTokenStore nodeA;
    private PgTokenStore nodeB;
    private String processor;

    @BeforeEach
    void twoNodes() {
        nodeA = new PgTokenStore(pool, "node-a", CLAIM_TIMEOUT);
        nodeB = new PgTokenStore(pool, "node-b", CLAIM_TIMEOUT);
        processor = "processor-" + UUID.randomUUID();
    }

    @Test
    void segmentsAreInitializedOnceWithTheInitialToken() throws Exception {
        List<Segment> segments = get(nodeA.initializeTokenSegments(processor, 4, new GlobalSequenceTrackingToken(42), null));

        assertThat(segments).hasSize(4);
        assertThat(get(nodeB.fetchSegments(processor, null))).containsExactlyElementsOf(segments);
        assertThat(get(nodeA.fetchToken(processor, segments.get(0), null))).isEqualTo(new GlobalSequenceTrackingToken(42));
        assertFails(nodeB.initializeTokenSegments(processor, 4, null, null), UnableToClaimTokenException.class);
    }

    @Test
    void aClaimedSegmentIsNotAvailableToTheOtherNode() throws Exception {
        get(nodeA.initializeTokenSegments(processor, 2, null, null));
        get(nodeA.fetchToken(processor, 0, null));

        assertFails(nodeB.fetchToken(processor, 0, null), UnableToClaimTokenException.class);
        assertThat(get(nodeB.fetchAvailableSegments(processor, null))).extracting(Segment::getSegmentId).containsExactly(1);
        assertFails(nodeB.storeToken(new GlobalSequenceTrackingToken(7), processor, 0, null), UnableToClaimTokenException.class);
        assertFails(nodeB.deleteToken(processor, 0, null), UnableToClaimTokenException.class);
    }

    @Test
    void theOwnerStoresAndReadsItsTokens() throws Exception {
        get(nodeA.initializeTokenSegments(processor, 1, null, null));
        assertThat(get(nodeA.fetchToken(processor, 0, null))).isNull();

        get(nodeA.storeToken(new GlobalSequenceTrackingToken(50), processor, 0, null));
        assertThat(get(nodeA.fetchToken(processor, 0, null))).isEqualTo(new GlobalSequenceTrackingToken(50));

        TrackingToken replay = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(90), new GlobalSequenceTrackingToken(10));
        get(nodeA.storeToken(replay, processor, 0, null));
        assertThat(get(nodeA.fetchToken(processor, 0, null))).isEqualTo(replay);
    }

    @Test
    void theSegmentsOfANodeThatStopsRenewingAreTakenOverAfterTheClaimTimeout() throws Exception {
        get(nodeA.initializeTokenSegments(processor, 1, null, null));
        get(nodeA.fetchToken(processor, 0, null));
        get(nodeA.extendClaim(processor, 0, null));
        assertFails(nodeB.fetchToken(processor, 0, null), UnableToClaimTokenException.class);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> nodeB.fetchToken(processor, 0, null).handle((token, failure) -> failure == null).join());

        assertFails(nodeA.storeToken(new GlobalSequenceTrackingToken(3), processor, 0, null), UnableToClaimTokenException.class);
        assertFails(nodeA.extendClaim(processor, 0, null), UnableToClaimTokenException.class);
        get(nodeB.extendClaim(processor, 0, null));
    }

    @Test
    void aReleasedSegmentCanBeClaimedAtOnce() throws Exception {
        get(nodeA.initializeTokenSegments(processor, 1, null, null));
        get(nodeA.fetchToken(processor, 0, null));

        get(nodeA.releaseClaim(processor, 0, null));

        get(nodeB.fetchToken(processor, 0, null));
    }

    @Test
    void splitAndMergeBookkeeping() throws Exception {
        get(nodeA.initializeTokenSegments(processor, 1, null, null));
        get(nodeA.fetchToken(processor, 0, null));
        Segment[] halves = Segment.ROOT_SEGMENT.split();

        get(nodeA.initializeSegment(new GlobalSequenceTrackingToken(5), processor, halves[1], null));
        assertFails(nodeA.initializeSegment(null, processor, halves[1], null), UnableToInitializeTokenException.class);
        assertThat(get(nodeA.fetchSegment(processor, halves[1].getSegmentId(), null))).isEqualTo(halves[1]);
        assertFails(nodeA.fetchToken(processor, halves[0], null), UnableToClaimTokenException.class);

        get(nodeA.fetchToken(processor, halves[1].getSegmentId(), null));
        get(nodeA.deleteToken(processor, halves[1].getSegmentId(), null));
        assertThat(get(nodeA.fetchSegment(processor, halves[1].getSegmentId(), null))).isNull();
    }

    @Test
    void bothNodesSeeTheSameStorage() throws Exception {
        assertThat(get(nodeA.retrieveStorageIdentifier(null))).isEqualTo(get(nodeB.retrieveStorageIdentifier(null)));
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private static void assertFails(CompletableFuture<?> future, Class<? extends Throwable> failure) {
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(failure);
    }
}

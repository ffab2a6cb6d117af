package io.firedrill.bootstrap.axon;

import io.firedrill.adapter.persistence.eventstore.EventFilter;
import io.firedrill.adapter.persistence.eventstore.PersistedEvent;
import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.projection.PgParkedEvents;
import io.firedrill.adapter.persistence.tokenstore.PgTokenStore;
import io.firedrill.application.port.in.admin.ProjectionAdmin.Kind;
import io.firedrill.application.port.out.RowBatches;
import io.firedrill.application.port.out.RowBatches.Checkpoint;
import io.firedrill.application.port.out.RowBatches.ClaimLost;
import io.firedrill.application.slice.ProjectedRows;
import io.firedrill.application.slice.RowProjection;
import io.firedrill.application.slice.StoredEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.core.unitofwork.UnitOfWorkFactory;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventhandling.processing.streaming.segmenting.Segment;
import org.axonframework.messaging.eventhandling.processing.streaming.token.TrackingToken;
import org.axonframework.messaging.eventhandling.processing.streaming.token.store.UnableToClaimTokenException;
import org.jboss.logging.Logger;

/**
 * Runs a read model of one row per subject by batches, on a thread of its own (issue 20): for each segment this node
 * claims, it reads up to a batch of the read model's events after the segment's checkpoint, keeps those of the
 * segment's subjects, and applies them and moves the checkpoint in one transaction that only the claim's owner can
 * commit ({@link RowProjection#advance}). Claims live in the token store's rows, as Axon's processors keep them, so
 * instances share segments and take over those whose claim expired.
 *
 * <p>Nothing is skipped. Events of a subject with a parked event, and events that cannot be read, go one at a time
 * through the processor's parking event handling ({@link ParkingEventHandlingComponent}) before the batch commits. A
 * batch that fails permanently (a row the table refuses) is applied one event at a time the same way, which parks
 * exactly the events that cannot be applied; a batch that fails transiently (the database is away) is retried, with
 * exponential backoff and jitter, from the same checkpoint. Either way the checkpoint moves only once every event of
 * the batch is applied or parked.
 */
final class BatchedProjection {

    private static final Logger LOG = Logger.getLogger(BatchedProjection.class);
    private static final long TIMEOUT_SECONDS = 30;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration LAST_BACKOFF = Duration.ofSeconds(10);

    /** How a projection runs. */
    record Settings(int segments, int batchSize, Duration idlePoll, Duration claimInterval, Duration claimTimeout) {
    }

    /** What a rebuild's runner reports to: it swaps the rebuilt copy in, or gives up on an event it cannot apply. */
    interface Rebuilding {

        /** Whether the rebuild is still under way (neither swapped in nor failed). */
        boolean underWay();

        /** Replaces the live read model with the rebuilt copy if it has caught up; whether it did. */
        boolean swap();

        /** The rebuild stopped on an event it cannot apply. */
        void fail(String error);
    }

    /** A rebuild cannot go on: an event it cannot apply. */
    private static final class RebuildFailed extends RuntimeException {
        RebuildFailed(String message) {
            super(message);
        }
    }

    /** How often a caught-up rebuild tries to swap. */
    private static final Duration SWAP_INTERVAL = Duration.ofSeconds(1);
    /** How long a hold of the claims may go without a statement on its session. */
    private static final Duration HOLD_TOUCH = Duration.ofSeconds(20);
    /** Failed swaps in a row after which a rebuild gives up. */
    private static final int SWAP_ATTEMPTS = 10;

    private final String name;
    private final String parkedName;
    private final RowBatches.Target target;
    private final Rebuilding rebuilding;
    private final RowProjection<?, ?> projection;
    private final ParkingEventHandlingComponent component;
    private final PgEventLog log;
    private final PgTokenStore tokens;
    private final PgParkedEvents parked;
    private final UnitOfWorkFactory unitsOfWork;
    private final Settings settings;
    private final EventFilter filter;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** Segment id → checkpoint position, for the segments this node claims; only the runner thread touches it. */
    private final Map<Integer, Long> owned = new TreeMap<>();
    private final Map<Integer, Long> extendedAt = new HashMap<>();
    private final Map<Integer, Segment> segments = new HashMap<>();
    private volatile boolean running;
    private volatile boolean releaseOnStop = true;
    private volatile boolean woken;
    private volatile String lastError;
    private boolean claimNow = true;
    private long nextSwap;
    private int failedSwaps;
    /** Whether the last batch read as many events as a batch holds (the log had more). */
    private boolean lastBatchFull;
    private Thread thread;

    /** The live read model of processor {@code name}. */
    BatchedProjection(String name, RowProjection<?, ?> projection, ParkingEventHandlingComponent component,
                      PgEventLog log, PgTokenStore tokens, PgParkedEvents parked, UnitOfWorkFactory unitsOfWork,
                      Settings settings) {
        this(name, name, RowBatches.Target.LIVE, null, projection, component, log, tokens, parked, unitsOfWork, settings);
    }

    /**
     * A rebuild of the read model of processor {@code live}, under processor name {@code name}, into the read model's
     * {@link RowBatches.Target#REBUILD} copy. It parks nothing: an event it cannot apply fails the rebuild (the live
     * read model stays); events an operator discarded in the live processor it passes over too.
     */
    static BatchedProjection rebuild(String live, String name, Rebuilding rebuilding, RowProjection<?, ?> projection,
                                     ParkingEventHandlingComponent component, PgEventLog log, PgTokenStore tokens,
                                     PgParkedEvents parked, UnitOfWorkFactory unitsOfWork, Settings settings) {
        return new BatchedProjection(name, live, RowBatches.Target.REBUILD, rebuilding, projection, component, log,
                tokens, parked, unitsOfWork, settings);
    }

    private BatchedProjection(String name, String parkedName, RowBatches.Target target, Rebuilding rebuilding,
                              RowProjection<?, ?> projection, ParkingEventHandlingComponent component,
                              PgEventLog log, PgTokenStore tokens, PgParkedEvents parked, UnitOfWorkFactory unitsOfWork,
                              Settings settings) {
        this.name = name;
        this.parkedName = parkedName;
        this.target = target;
        this.rebuilding = rebuilding;
        this.projection = projection;
        this.component = component;
        this.log = log;
        this.tokens = tokens;
        this.parked = parked;
        this.unitsOfWork = unitsOfWork;
        this.settings = settings;
        Set<String> types = component.supportedEvents().stream().map(QualifiedName::name).collect(Collectors.toSet());
        this.filter = EventFilter.of(types, Set.of());
    }

    synchronized void start() {
        running = true;
        thread = new Thread(this::run, "Projection[" + name + "]");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the runner after its current batch (which commits or rolls back as a whole) and releases its claims. */
    synchronized void stop() {
        running = false;
        Thread runner = thread;
        thread = null;
        if (runner == null) {
            return;
        }
        wakeUp();
        try {
            runner.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS * 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (runner.isAlive()) {
            runner.interrupt();
        }
    }

    /**
     * Stops the way a node that dies does, for tests of take-over: the runner stops after what it is doing and keeps
     * its claims until they expire; nothing waits for it.
     */
    void abandon() {
        releaseOnStop = false;
        running = false;
        wakeUp();
    }

    /** Whether the runner thread is running. */
    boolean running() {
        return running;
    }

    /** New events may be in the log: look now instead of at the next poll. */
    void wakeUp() {
        lock.lock();
        try {
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        int failures = 0;
        long nextClaim = 0;
        while (running) {
            try {
                if (claimNow || System.nanoTime() - nextClaim >= 0) {
                    claimNow = false;
                    claim();
                    nextClaim = System.nanoTime() + settings.claimInterval().toNanos();
                }
                boolean busy = running && step();
                failures = 0;
                lastError = null;
                extendIdleClaims();
                // Tried whenever the rebuild has read to the head, busy or not: under a steady stream of appends the
                // runner is never idle, and the swap only needs the copy to have caught up with the live read model.
                if (!lastBatchFull && rebuilding != null && !owned.isEmpty() && System.nanoTime() - nextSwap >= 0) {
                    nextSwap = System.nanoTime() + SWAP_INTERVAL.toNanos();
                    if (swapped()) {
                        LOG.infof("Rebuild %s caught up and replaced the live read model", name);
                        running = false;
                        break;
                    }
                }
                if (!busy) {
                    idle();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RebuildFailed e) {
                lastError = e.getMessage();
                LOG.errorf("Rebuild %s stopped: %s; the live read model stays as it is", name, e.getMessage());
                try {
                    rebuilding.fail(e.getMessage());
                    running = false;
                } catch (RuntimeException notRecorded) {
                    LOG.warnf("Rebuild %s could not record its failure (%s); trying again", name, notRecorded);
                }
            } catch (RuntimeException e) {
                failures++;
                lastError = e.getClass().getName() + ": " + e.getMessage();
                Duration backoff = backoff(failures);
                LOG.warnf("Projection %s failed a batch (attempt %d), retrying in %d ms from the same checkpoint: %s",
                        name, failures, backoff.toMillis(), lastError);
                try {
                    pause(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (releaseOnStop) {
            release();
        }
    }

    /**
     * Tries to swap the rebuilt copy in; a failure (a lock held too long) is tried again a second later, and after
     * {@value #SWAP_ATTEMPTS} failures in a row the rebuild fails with the last error.
     */
    private boolean swapped() {
        try {
            boolean swapped = rebuilding.swap();
            failedSwaps = 0;
            return swapped;
        } catch (RuntimeException e) {
            if (lockTimeout(e)) {
                // The live read model was busy (a batch held its token rows past the lock wait): not a failure.
                LOG.debugf("Rebuild %s waited too long for the live read model's batch; trying again", name);
                return false;
            }
            failedSwaps++;
            LOG.warnf("Rebuild %s could not replace the live read model (attempt %d of %d): %s", name, failedSwaps,
                    SWAP_ATTEMPTS, e.getMessage());
            if (failedSwaps >= SWAP_ATTEMPTS) {
                throw new RebuildFailed("the rebuilt copy could not replace the live read model " + SWAP_ATTEMPTS
                        + " times in a row: " + e.getMessage());
            }
            return false;
        }
    }

    private static boolean lockTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.pgclient.PgException pg && "55P03".equals(pg.getSqlState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Exponential, capped, with full jitter, so instances retrying after one outage do not retry in step. */
    private static Duration backoff(int failures) {
        long cap = Math.min(LAST_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failures - 1, 20));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    /** Creates the segments when the processor has none, then claims every segment not claimed by a live node. */
    private void claim() {
        List<Segment> segments = join(tokens.fetchSegments(name, null));
        if (segments.isEmpty() && rebuilding != null && !rebuilding.underWay()) {
            // Swapped in (its segments became the live read model's) or given up: nothing left to do.
            LOG.infof("Rebuild %s is no longer under way; stopping", name);
            running = false;
            return;
        }
        if (segments.isEmpty()) {
            try {
                segments = join(tokens.initializeTokenSegments(name, settings.segments(), null, null));
            } catch (UnableToClaimTokenException anotherNodeWasFirst) {
                segments = join(tokens.fetchSegments(name, null));
            }
        }
        for (Segment segment : segments) {
            this.segments.put(segment.getSegmentId(), segment);
            if (owned.containsKey(segment.getSegmentId())) {
                continue;
            }
            try {
                TrackingToken token = join(tokens.fetchToken(name, segment.getSegmentId(), null));
                long position = token == null ? -1 : token.position().orElse(-1);
                owned.put(segment.getSegmentId(), position);
                extendedAt.put(segment.getSegmentId(), System.nanoTime());
                LOG.infof("Projection %s claimed segment %d at position %d", name, segment.getSegmentId(), position);
            } catch (UnableToClaimTokenException claimedElsewhere) {
                // Another node works on it while it keeps its claim.
            }
        }
    }

    /**
     * Renews the claims not renewed for a third of the claim timeout: of segments with nothing to do, while other
     * segments are busy too (a batch renews its own segment's claim as it commits).
     */
    private void extendIdleClaims() {
        long now = System.nanoTime();
        for (int segment : List.copyOf(owned.keySet())) {
            if (now - extendedAt.getOrDefault(segment, 0L) < settings.claimTimeout().toNanos() / 3) {
                continue;
            }
            try {
                join(tokens.extendClaim(name, segment, null));
                extendedAt.put(segment, now);
            } catch (UnableToClaimTokenException lost) {
                lose(segment);
            }
        }
    }

    private void release() {
        for (int segment : List.copyOf(owned.keySet())) {
            try {
                join(tokens.releaseClaim(name, segment, null));
            } catch (RuntimeException e) {
                LOG.debugf("Projection %s could not release segment %d (its claim expires): %s", name, segment, e);
            }
        }
        owned.clear();
    }

    private void lose(int segment) {
        owned.remove(segment);
        extendedAt.remove(segment);
        // Lost to another node, or handed over by a rebuild's swap: look again at once.
        claimNow = true;
        LOG.infof("Projection %s no longer holds the claim on segment %d (another node took it, or a rebuild handed it"
                + " over); claiming again", name, segment);
    }

    /**
     * Handles the next batch of the segments this node claims: one read from the least advanced of them serves them
     * all (each keeps the events of its subjects past its own checkpoint), and one transaction moves all their
     * checkpoints.
     *
     * @return whether there was anything to do (the log had events past a checkpoint)
     */
    private boolean step() {
        if (owned.isEmpty()) {
            return false;
        }
        long from = owned.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        PgEventLog.Batch batch = join(log.read(filter, from, Long.MAX_VALUE, settings.batchSize()));
        List<PersistedEvent> events = batch.events();
        lastBatchFull = events.size() == settings.batchSize();
        long to = lastBatchFull ? events.getLast().position() : batch.scannedTo();
        if (to <= from) {
            return false;
        }
        List<EventMessage> mine = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        for (PersistedEvent event : events) {
            EventMessage message = message(event);
            Object subject = component.sequenceIdentifierFor(message, null);
            for (Map.Entry<Integer, Long> segment : owned.entrySet()) {
                if (segments.get(segment.getKey()).matches(subject)) {
                    if (event.position() > segment.getValue()) {
                        mine.add(message);
                        subjects.add(String.valueOf(subject));
                    }
                    break;
                }
            }
        }
        List<Integer> covered = List.copyOf(owned.keySet());
        Checkpoint checkpoint = new Checkpoint(name, covered, tokens.nodeId(), to, target);
        try {
            if (rebuilding != null) {
                rebuild(checkpoint, mine);
            } else {
                apply(checkpoint, mine, subjects);
            }
        } catch (ClaimLost lost) {
            covered.forEach(this::lose);
            return true;
        }
        long now = System.nanoTime();
        for (int segment : covered) {
            owned.merge(segment, to, Math::max);
            extendedAt.put(segment, now);
        }
        return true;
    }

    private void apply(Checkpoint checkpoint, List<EventMessage> mine, List<String> subjects) {
        List<EventMessage> alone = new ArrayList<>();
        List<EventMessage> batched = new ArrayList<>();
        if (!mine.isEmpty()) {
            List<Long> positions = mine.stream().map(BatchedProjection::position).toList();
            PgParkedEvents.Held held = join(parked.held(name, new LinkedHashSet<>(subjects), positions));
            for (int i = 0; i < mine.size(); i++) {
                EventMessage message = mine.get(i);
                if (held.holds(subjects.get(i), positions.get(i)) || !readable(message)) {
                    alone.add(message);
                } else {
                    batched.add(message);
                }
            }
        }
        // The subjects of the two lists are disjoint (a held subject goes alone whole; an unreadable event is its
        // own subject), so handling the lone events first keeps every subject's events in log order.
        alone(checkpoint, alone);
        try {
            join(projection.advance(checkpoint, batched));
        } catch (ClaimLost lost) {
            throw lost;
        } catch (RuntimeException failure) {
            if (!ProjectionFailures.permanent(failure, Kind.READ_MODEL)) {
                throw failure;
            }
            LOG.infof("Projection %s could not apply a batch of %d events up to position %d as a whole (%s):"
                    + " applying them one at a time", name, batched.size(), checkpoint.position(),
                    ProjectionFailures.message(ProjectionFailures.reason(failure)));
            alone(checkpoint, batched);
            join(projection.advance(checkpoint, List.of()));
        }
    }

    /**
     * Applies events one at a time through the parking event handling, each in a transaction of its own, while this
     * node holds its segments' claims: a rebuild's swap cannot replace the rows between two of them (a later event
     * would land on a rebuilt row that lacks an earlier one, whose position guard would then pass the earlier one
     * over). Fails with {@link ClaimLost} when this node no longer claims them.
     */
    private void alone(Checkpoint checkpoint, List<EventMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        PgTokenStore.Hold hold = join(tokens.hold(checkpoint.processor(), checkpoint.segments()));
        boolean done = false;
        try {
            long touched = System.nanoTime();
            for (EventMessage message : messages) {
                if (System.nanoTime() - touched > HOLD_TOUCH.toNanos()) {
                    // The held session must not end as idle in a transaction (60 s): its locks would go with it.
                    join(hold.touch());
                    touched = System.nanoTime();
                }
                join(component.handleAlone(message, unitsOfWork));
            }
            done = true;
        } finally {
            try {
                join(hold.release());
            } catch (RuntimeException releaseFailed) {
                if (done) {
                    throw releaseFailed;
                }
                LOG.debugf("Projection %s could not release its hold after a failure: %s", name, releaseFailed);
            }
        }
    }

    private void rebuild(Checkpoint checkpoint, List<EventMessage> mine) {
        List<Long> positions = mine.stream().map(BatchedProjection::position).toList();
        Set<Long> discarded = mine.isEmpty() ? Set.of() : join(parked.discardedAmong(parkedName, positions));
        List<EventMessage> batch = new ArrayList<>();
        for (EventMessage message : mine) {
            if (discarded.contains(position(message))) {
                continue;
            }
            if (!readable(message)) {
                throw new RebuildFailed("event " + message.identifier() + " at position " + position(message)
                        + " (" + message.type().name() + ") cannot be read");
            }
            batch.add(message);
        }
        try {
            join(projection.advance(checkpoint, batch));
        } catch (ClaimLost lost) {
            throw lost;
        } catch (RuntimeException failure) {
            if (!ProjectionFailures.permanent(failure, Kind.READ_MODEL)) {
                throw failure;
            }
            throw new RebuildFailed("a batch up to position " + checkpoint.position() + " cannot be applied: "
                    + ProjectionFailures.message(ProjectionFailures.reason(failure)));
        }
    }

    /** Whether the batch path can read the event; one it cannot read goes alone (and is parked there). */
    private boolean readable(EventMessage message) {
        try {
            return projection.read(message).isPresent();
        } catch (StoredEvents.UnreadableVersion notYet) {
            throw notYet;
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    private void idle() throws InterruptedException {
        lock.lock();
        try {
            if (!woken && running) {
                // Never past the next claim renewal or claim check, whatever the poll interval.
                long wait = Math.min(settings.idlePoll().toMillis(), Math.min(settings.claimTimeout().toMillis() / 3,
                        settings.claimInterval().toMillis()));
                wake.await(wait, TimeUnit.MILLISECONDS);
            }
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    private void pause(Duration duration) throws InterruptedException {
        lock.lock();
        try {
            long left = duration.toNanos();
            while (running && left > 0) {
                left = wake.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private static long position(EventMessage message) {
        return Long.parseLong(message.metadata().get(ProjectedRows.POSITION));
    }

    /** A stored event as processors handle it, with its position stamped. */
    static EventMessage message(PersistedEvent persisted) {
        var stored = persisted.event();
        Map<String, String> metadata = new HashMap<>(stored.metadata());
        metadata.put(ProjectedRows.POSITION, String.valueOf(persisted.position()));
        return new GenericEventMessage(stored.eventId(), new MessageType(stored.typeName(), stored.typeVersion()),
                stored.payloadJson().getBytes(StandardCharsets.UTF_8), metadata, stored.timestamp());
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}

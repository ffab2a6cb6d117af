package io.firedrill.bootstrap.axon;

import io.firedrill.adapter.persistence.eventstore.EventFilter;
import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.projection.PgParkedEvents;
import io.firedrill.adapter.persistence.projection.PgRebuilds;
import io.firedrill.adapter.persistence.tokenstore.PgTokenStore;
import io.firedrill.application.port.in.admin.ParkedEventNotFound;
import io.firedrill.application.port.in.admin.ProjectionAdmin;
import io.firedrill.application.port.in.admin.ProjectionNotFound;
import io.firedrill.application.port.in.admin.RebuildRunning;
import io.firedrill.application.port.out.OperationalGauges.Snapshot;
import io.firedrill.bootstrap.metrics.FiredrillGauges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.core.unitofwork.UnitOfWorkFactory;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.jboss.logging.Logger;

/**
 * The operators' view of the event processors ({@link ProjectionAdmin}): what runs, how far behind, what is
 * parked, the retry of parked events and the discard of one. Lives in bootstrap because it drives the processors that bootstrap runs.
 *
 * <p>A retry re-reads each parked event from the log and applies it with the processor's own handling, subject by
 * subject in log order, and deletes its row only once it has applied; the live processor meanwhile parks the
 * subject's new events behind the rows still there ({@link PgParkedEvents}), and the retry reads the subject's rows
 * again until none is left or one fails. One retry per processor runs at a time on an instance: a second request
 * while one runs gets the same answer. A retry during a rebuild of the same read model on this instance is refused
 * (503), and a retry under way stops before its next event when a rebuild starts.
 */
@ApplicationScoped
public class ProjectionAdminService implements ProjectionAdmin {

    private static final Logger LOG = Logger.getLogger(ProjectionAdminService.class);
    /** Rows read at a time while retrying one subject. */
    private static final int PAGE = 100;

    private final EventProcessors processors;
    private final PgParkedEvents parked;
    private final PgEventLog log;
    private final FiredrillGauges gauges;
    private final AxonRuntime axon;
    private final PgRebuilds rebuilds;
    private final PgTokenStore tokens;
    private final Map<String, CompletableFuture<RetryOutcome>> retries = new ConcurrentHashMap<>();

    @Inject
    ProjectionAdminService(EventProcessors processors, PgParkedEvents parked, PgEventLog log, FiredrillGauges gauges,
                           AxonRuntime axon, PgRebuilds rebuilds, PgTokenStore tokens) {
        this.processors = processors;
        this.parked = parked;
        this.log = log;
        this.gauges = gauges;
        this.axon = axon;
        this.rebuilds = rebuilds;
        this.tokens = tokens;
    }

    @Override
    public CompletableFuture<List<Projection>> projections() {
        Snapshot snapshot = gauges.latest();
        Map<String, Double> lags = snapshot == null ? Map.of() : snapshot.processorLagSeconds();
        CompletableFuture<Map<String, Long>> counts = parked.counts();
        CompletableFuture<PgRebuilds.Segments> segments = rebuilds.segments();
        CompletableFuture<Map<String, PgRebuilds.Rebuild>> underWay = rebuilds.rebuilds();
        return CompletableFuture.allOf(counts, segments, underWay)
                .orTimeout(ParkingEventHandlingComponent.TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .thenApply(all -> processors.names().stream()
                        .map(name -> projection(name, snapshot == null ? null : lags.getOrDefault(name, null),
                                counts.join().getOrDefault(name, 0L), segments.join(), underWay.join().get(name)))
                        .toList());
    }

    private Projection projection(String name, Double lagSeconds, long parkedCount, PgRebuilds.Segments all,
                                  PgRebuilds.Rebuild rebuild) {
        List<Segment> segments = all.rows().stream().filter(row -> row.processor().equals(name))
                .map(row -> new Segment(row.segment(), row.position(), row.owner(), row.claimedAt())).toList();
        Map<String, Integer> claims = new TreeMap<>();
        segments.stream().filter(segment -> segment.owner() != null)
                .forEach(segment -> claims.merge(segment.owner(), 1, Integer::sum));
        Long position = least(all.rows().stream().filter(row -> row.processor().equals(name)).toList());
        String state = rebuild == null ? "LIVE" : rebuild.running() ? "REBUILDING" : "REBUILD_FAILED";
        Rebuild shown = null;
        if (rebuild != null) {
            String shadow = PgRebuilds.shadow(name);
            Long rebuilt = least(all.rows().stream().filter(row -> row.processor().equals(shadow)).toList());
            shown = new Rebuild(rebuild.startedAt(), rebuilt, rebuilt == null ? null : Math.max(0, all.head() - rebuilt),
                    rebuild.failedAt(), rebuild.error());
        }
        return new Projection(name, kind(name), processors.runsHere(name), lagSeconds, parkedCount, position,
                position == null ? null : Math.max(0, all.head() - position), state, segments, claims, shown);
    }

    /** The least position of the segments, {@code null} when there are none or one has not started. */
    private static Long least(List<PgRebuilds.SegmentRow> rows) {
        if (rows.isEmpty() || rows.stream().anyMatch(row -> row.position() == null)) {
            return null;
        }
        return rows.stream().mapToLong(PgRebuilds.SegmentRow::position).min().orElseThrow();
    }

    @Override
    public CompletableFuture<Void> rebuild(String name) {
        known(name);
        return processors.startRebuild(name);
    }

    @Override
    public CompletableFuture<List<ParkedEvent>> parked(String name, long after, int limit, boolean discarded) {
        known(name);
        return parked.list(name, after, limit, discarded).orTimeout(ParkingEventHandlingComponent.TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .thenApply(rows -> rows.stream().map(ProjectionAdminService::shown).toList());
    }

    @Override
    public CompletableFuture<RetryOutcome> retry(String name) {
        ParkingEventHandlingComponent handling = known(name);
        if (processors.rebuilding(name)) {
            return CompletableFuture.failedFuture(new RebuildRunning(name));
        }
        CompletableFuture<RetryOutcome> started = new CompletableFuture<>();
        CompletableFuture<RetryOutcome> running = retries.putIfAbsent(name, started);
        if (running != null) {
            return running;
        }
        UnitOfWorkFactory unitsOfWork = axon.component(UnitOfWorkFactory.class);
        List<ParkedEvent> unparked = Collections.synchronizedList(new ArrayList<>());
        parked.subjects(name).orTimeout(ParkingEventHandlingComponent.TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .thenCompose(subjects -> {
                    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                    for (String subject : subjects) {
                        chain = chain.thenCompose(ignored -> retrySubject(handling, unitsOfWork, subject, -1, unparked));
                    }
                    return chain;
                })
                .thenCompose(ignored -> parked.list(name, -1, RetryOutcome.REPORTED, false)
                        .thenCombine(parked.counts(), (remaining, counts) -> new RetryOutcome(List.copyOf(unparked),
                                remaining.stream().map(ProjectionAdminService::shown).toList(),
                                counts.getOrDefault(name, 0L))))
                .whenComplete((outcome, failure) -> {
                    retries.remove(name, started);
                    if (failure != null) {
                        started.completeExceptionally(failure);
                    } else {
                        LOG.infof("Retry of %s's parked events: %d un-parked, %d still parked", name,
                                outcome.unparked().size(), outcome.remainingCount());
                        started.complete(outcome);
                    }
                });
        return started;
    }

    @Override
    public CompletableFuture<ParkedEvent> discard(String name, long position, String by, String reason) {
        known(name);
        return parked.discard(name, position, by, reason)
                .orTimeout(ParkingEventHandlingComponent.TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .thenApply(row -> {
                    PgParkedEvents.Parked found = row.orElseThrow(() -> new ParkedEventNotFound(name, position));
                    LOG.infof("Parked event %s of %s at position %d (%s, subject %s) discarded by %s at %s: %s",
                            found.event().eventId(), name, position, found.event().typeName(), found.event().subject(),
                            found.discardedBy(), found.discardedAt(), found.discardReason());
                    return shown(found);
                });
    }

    /** Applies one subject's parked events after {@code after} in log order, until one fails or none is left. */
    private CompletableFuture<Void> retrySubject(ParkingEventHandlingComponent handling, UnitOfWorkFactory unitsOfWork,
                                                 String subject, long after, List<ParkedEvent> unparked) {
        return parked.ofSubject(handling.processor(), subject, after, PAGE)
                .orTimeout(ParkingEventHandlingComponent.TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .thenCompose(rows -> {
                    if (rows.isEmpty()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    CompletableFuture<Boolean> chain = CompletableFuture.completedFuture(true);
                    for (PgParkedEvents.Parked row : rows) {
                        chain = chain.thenCompose(goOn -> goOn
                                ? retryOne(handling, unitsOfWork, row, unparked)
                                : CompletableFuture.completedFuture(false));
                    }
                    long last = rows.getLast().event().position();
                    // Read again after the last row: the live processor may have parked newer events behind them.
                    return chain.thenCompose(goOn -> goOn
                            ? retrySubject(handling, unitsOfWork, subject, last, unparked)
                            : CompletableFuture.completedFuture(null));
                });
    }

    /** Applies one parked event: un-parked when it applies (true), parked again with the new error (false). */
    private CompletableFuture<Boolean> retryOne(ParkingEventHandlingComponent handling, UnitOfWorkFactory unitsOfWork,
                                                PgParkedEvents.Parked row, List<ParkedEvent> unparked) {
        PgParkedEvents.Event event = row.event();
        if (processors.rebuilding(event.processor())) {
            // The rebuild meets every event again, in order, and forgets the parked ones when it replaces the rows: stop here.
            return CompletableFuture.failedFuture(new RebuildRunning(event.processor()));
        }
        return eventAt(event.position())
                .thenCompose(message -> message.isEmpty()
                        ? CompletableFuture.failedFuture(new IllegalStateException("event " + event.eventId()
                                + " is no longer in the log at position " + event.position()))
                        : held(event.processor(), () -> handling.reapply(message.get(), unitsOfWork)))
                .handle((applied, failure) -> failure)
                .thenCompose(failure -> {
                    if (failure == null) {
                        return parked.unpark(event.processor(), event.position())
                                .orTimeout(ParkingEventHandlingComponent.TIMEOUT_SECONDS, TimeUnit.SECONDS)
                                .thenApply(ignored -> {
                                    unparked.add(shown(row));
                                    return true;
                                });
                    }
                    Throwable reason = ProjectionFailures.reason(failure);
                    return parked.parkAgain(event, reason.getClass().getName(), ProjectionFailures.message(reason))
                            .orTimeout(ParkingEventHandlingComponent.TIMEOUT_SECONDS, TimeUnit.SECONDS)
                            .thenApply(ignored -> false);
                });
    }

    /**
     * Runs {@code write} while the processor's token rows are held ({@link PgTokenStore#holdAll}), so that a rebuild's
     * swap cannot replace the read model's rows in the middle of it.
     */
    private <T> CompletableFuture<T> held(String processor, java.util.function.Supplier<CompletableFuture<T>> write) {
        return tokens.holdAll(processor).orTimeout(ParkingEventHandlingComponent.TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .thenCompose(hold -> write.get()
                        .handle((result, failure) -> hold.release().handle((released, ignored) -> null)
                                .thenCompose(released -> failure == null ? CompletableFuture.completedFuture(result)
                                        : CompletableFuture.<T>failedFuture(failure)))
                        .thenCompose(java.util.function.Function.identity()));
    }

    /** The event at a log position as the processors read it, with its position stamped. */
    private CompletableFuture<Optional<EventMessage>> eventAt(long position) {
        return log.read(EventFilter.ALL, position - 1, position, 1)
                .orTimeout(ParkingEventHandlingComponent.TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .thenApply(batch -> batch.events().stream().filter(e -> e.position() == position).findFirst()
                        .map(BatchedProjection::message));
    }

    private Kind kind(String name) {
        return processors.definition(name).orElseThrow().rebuildable().isPresent() ? Kind.READ_MODEL : Kind.AUTOMATION;
    }

    private ParkingEventHandlingComponent known(String name) {
        return processors.handling(name).orElseThrow(() -> new ProjectionNotFound(name, processors.names()));
    }

    private static ParkedEvent shown(PgParkedEvents.Parked row) {
        PgParkedEvents.Event event = row.event();
        return new ParkedEvent(event.position(), event.eventId(), event.typeName(), event.subject(), event.tenant(),
                row.waitingBehind(), row.errorClass(), row.errorMessage(), row.attempts(), row.firstParkedAt(),
                row.lastAttemptAt(), row.discardedAt(), row.discardedBy(), row.discardReason());
    }
}

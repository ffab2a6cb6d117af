package io.firedrill.bootstrap.axon;

import io.firedrill.adapter.persistence.projection.PgParkedEvents;
import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.admin.ProjectionAdmin.Kind;
import io.firedrill.application.slice.ProjectedRows;
import io.firedrill.application.slice.StoredEvents;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.core.Message;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.unitofwork.ProcessingContext;
import org.axonframework.messaging.core.unitofwork.UnitOfWorkFactory;
import org.axonframework.messaging.eventhandling.DelegatingEventHandlingComponent;
import org.axonframework.messaging.eventhandling.EventHandlingComponent;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.jboss.logging.Logger;

/**
 * A processor's event handling that parks what it cannot apply, so one poisoned event never stops the processor
 * for every other subject (issue 21).
 *
 * <p>For each event: when its subject (the component's sequence identifier: an incident, an action item, an
 * integration) has an earlier event parked in this processor, the event is parked behind it, unapplied, so a
 * row-per-subject read model never applies a subject's later event before an earlier one (its position guard would
 * then skip the earlier one for good). Otherwise the event is applied; a permanent failure
 * ({@link ProjectionFailures}, which depends on the processor's {@link Kind}) parks it with its error and the processor moves on; a transient one fails the event
 * as before, and the processor retries it. If parking itself fails (the database is away), the event fails and is
 * retried: nothing is skipped without a row saying so.
 */
final class ParkingEventHandlingComponent extends DelegatingEventHandlingComponent {

    private static final Logger LOG = Logger.getLogger(ParkingEventHandlingComponent.class);
    /** How long a parked-events statement may take before the event is failed (and retried). */
    static final long TIMEOUT_SECONDS = 30;

    private final String processor;
    private final Kind kind;
    private final PgParkedEvents parked;
    private final Executor continuation;

    ParkingEventHandlingComponent(String processor, Kind kind, EventHandlingComponent delegate, PgParkedEvents parked,
                                  Executor continuation) {
        super(delegate);
        this.processor = processor;
        this.kind = kind;
        this.parked = parked;
        this.continuation = continuation;
    }

    /**
     * An event whose payload can never be read is its own sequence: {@link #handle} parks it under its id. One this
     * instance cannot read yet ({@link StoredEvents.UnreadableVersion}, a newer instance wrote it during a rolling
     * upgrade) is not: routed by its id it would be handled in another segment than its subject's, out of order, and
     * never applied after the upgrade. The failure goes to the processor, which retries the event until it reads it.
     */
    @Override
    public Object sequenceIdentifierFor(EventMessage event, ProcessingContext context) {
        try {
            return delegate.sequenceIdentifierFor(event, context);
        } catch (StoredEvents.UnreadableVersion notYet) {
            throw notYet;
        } catch (RuntimeException unreadable) {
            return event.identifier();
        }
    }

    @Override
    public MessageStream.Empty<Message> handle(EventMessage event, ProcessingContext context) {
        String stamped = event.metadata().get(ProjectedRows.POSITION);
        if (stamped == null || !delegate.supports(event.type().qualifiedName())) {
            // Not an event of this processor (nothing to park, no query), or not read through the stamping source.
            return delegate.handle(event, context);
        }
        PgParkedEvents.Event met = described(event, Long.parseLong(stamped), context);
        CompletableFuture<Void> handled = parked.holdBehind(met).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .thenComposeAsync(ahead -> ahead.isPresent()
                        ? CompletableFuture.<Void>completedFuture(null)
                        : apply(event, context).exceptionallyCompose(failure -> parkOrFail(met, failure)), continuation)
                // Axon's processor blocks on its token store after the event: never complete on an event loop, whether
                // the event was applied or failed (thenApplyAsync would pass a failure on the failing thread).
                .whenCompleteAsync((ignored, failure) -> { }, continuation);
        return MessageStream.fromFuture(handled.thenApply(ignored -> (Message) null)).ignoreEntries().cast();
    }

    /** Applies the event with the processor's own handling; a synchronous failure becomes a failed future. */
    CompletableFuture<Void> apply(EventMessage event, ProcessingContext context) {
        try {
            return delegate.handle(event, context).asCompletableFuture().thenApply(ignored -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Handles one event in a unit of work of its own, as the processor would ({@link #handle}: held behind its
     * subject's parked events, applied, or parked), for a batch that applies some of its events one at a time.
     */
    CompletableFuture<Void> handleAlone(EventMessage event, UnitOfWorkFactory unitsOfWork) {
        return unitsOfWork.create().executeWithResult(context -> {
                    try {
                        return handle(event, context).asCompletableFuture().thenApply(ignored -> (Void) null);
                    } catch (RuntimeException e) {
                        return CompletableFuture.<Void>failedFuture(e);
                    }
                })
                .orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Applies the event again in a unit of work of its own, for a retry of parked events. */
    CompletableFuture<Void> reapply(EventMessage event, UnitOfWorkFactory unitsOfWork) {
        return unitsOfWork.create().executeWithResult(context -> apply(event, context))
                .orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** What the parked-events table records of an event. */
    PgParkedEvents.Event described(EventMessage event, long position, ProcessingContext context) {
        Object subject = sequenceIdentifierFor(event, context);
        return new PgParkedEvents.Event(processor, position, event.identifier(), event.type().name(),
                String.valueOf(subject), event.metadata().get(CommandMetadata.TENANT));
    }

    private CompletableFuture<Void> parkOrFail(PgParkedEvents.Event event, Throwable failure) {
        if (!ProjectionFailures.permanent(failure, kind)) {
            return CompletableFuture.failedFuture(failure);
        }
        Throwable reason = ProjectionFailures.reason(failure);
        String message = ProjectionFailures.message(reason);
        LOG.warnf("Event processor %s parked event %s at position %d (%s, subject %s): %s: %s; it goes on with"
                        + " other subjects; fix the cause and retry with POST /api/v1/admin/projections/%s/parked/retry",
                processor, event.eventId(), event.position(), event.typeName(), event.subject(),
                reason.getClass().getName(), message, processor);
        return parked.park(event, reason.getClass().getName(), message).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    String processor() {
        return processor;
    }
}

package io.firedrill.application.slice;

import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.domain.shared.TenantId;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.axonframework.messaging.core.Message;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.core.unitofwork.ProcessingContext;
import org.axonframework.messaging.eventhandling.EventHandlingComponent;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.SimpleEventHandlingComponent;

/**
 * The event handling of a read model with one row per subject: each event of the slice is handed to the row
 * store with its tenant and log position, in log order per subject (subjects may be handled in parallel).
 * Row stores are idempotent by log position, so a redelivered event is harmless.
 *
 * @param <E> the slice's events
 */
public final class ProjectedRows<E> {

    /**
     * The in-flight metadata key of an event's log position, which the processors' event source stamps on
     * every event it streams: Axon 5.0.1 gives the handlers of a batch only the batch's last token.
     */
    public static final String POSITION = "logPosition";

    /** Applies one event to its subject's row. */
    @FunctionalInterface
    public interface Rows<E> {
        CompletableFuture<Void> apply(TenantId tenant, E event, long position);
    }

    private final Set<QualifiedName> names;
    private final Function<EventMessage, Optional<E>> eventOf;
    private final Function<E, Object> subject;
    private final Rows<E> rows;
    private final Executor continuation;

    /**
     * @param types the slice whose events to handle
     * @param wiring the stored types, converter, and where handling goes on once the row store has answered
     *     (never an I/O thread: Axon's processor blocks while it stores its token after each batch, and the token
     *     store needs that thread to answer)
     * @param subject the subject an event is about: events of one subject are handled in order
     */
    public ProjectedRows(EventTypes<E> types, SliceWiring wiring, Function<E, Object> subject, Rows<E> rows) {
        this.names = wiring.storedEvents().namesOf(types);
        this.eventOf = message -> wiring.storedEvents().read(types, message, wiring.converter());
        this.subject = subject;
        this.rows = rows;
        this.continuation = wiring.continuation();
    }

    /** The event handling component to run in a streaming processor. */
    public EventHandlingComponent component() {
        SimpleEventHandlingComponent component = new SimpleEventHandlingComponent(
                (event, context) -> eventOf.apply(event).map(subject));
        for (QualifiedName name : names) {
            component.subscribe(name, this::handle);
        }
        return component;
    }

    private MessageStream.Empty<Message> handle(EventMessage message, ProcessingContext context) {
        Optional<E> parsed = eventOf.apply(message);
        if (parsed.isEmpty()) {
            return MessageStream.empty();
        }
        String stamped = message.metadata().get(POSITION);
        if (stamped == null) {
            throw new IllegalStateException("event " + message.identifier() + " has no " + POSITION
                    + ": processors must read the log through the position-stamping event source");
        }
        long position = Long.parseLong(stamped);
        TenantId tenant = new TenantId(message.metadata().get(CommandMetadata.TENANT));
        return MessageStream.fromFuture(rows.apply(tenant, parsed.get(), position)
                        .thenApplyAsync(ignored -> (Message) null, continuation))
                .ignoreEntries()
                .cast();
    }
}

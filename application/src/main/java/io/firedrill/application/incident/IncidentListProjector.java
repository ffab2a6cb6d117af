package io.firedrill.application.incident;

import io.firedrill.application.port.out.IncidentListViews;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.shared.TenantId;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.axonframework.conversion.Converter;
import org.axonframework.messaging.core.Message;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.core.unitofwork.ProcessingContext;
import org.axonframework.messaging.eventhandling.EventHandlingComponent;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.SimpleEventHandlingComponent;
import org.axonframework.messaging.eventhandling.processing.streaming.token.TrackingToken;

/**
 * Feeds the incident list read model ({@link IncidentListViews}) from the event log: each incident event is
 * folded into its incident's row with {@link IncidentDecider#evolve}, the same function commands use, so
 * the list shows exactly what a fold of the log shows. Events of one incident are handled in log order;
 * different incidents may be handled in parallel. Idempotent by log position.
 */
public final class IncidentListProjector {

    /** The processor's name, under which its tokens are stored. */
    public static final String PROCESSOR = "incident-list";

    private final IncidentListViews views;
    private final Converter converter;
    private final Executor continuation;

    /**
     * @param continuation where handling goes on once the read model has answered. Axon's processor blocks
     *     while it stores its token after each batch, so this must never be an I/O (event loop) thread: the
     *     token store needs that thread to answer.
     */
    public IncidentListProjector(IncidentListViews views, Converter converter, Executor continuation) {
        this.views = views;
        this.converter = converter;
        this.continuation = continuation;
    }

    /** The event handling component to run in a streaming processor. */
    public EventHandlingComponent component() {
        SimpleEventHandlingComponent component = new SimpleEventHandlingComponent(
                (event, context) -> IncidentMessages.eventOf(event, converter).map(e -> (Object) e.incidentId()));
        for (QualifiedName name : IncidentMessages.eventNames()) {
            component.subscribe(name, this::handle);
        }
        return component;
    }

    private MessageStream.Empty<Message> handle(EventMessage message, ProcessingContext context) {
        Optional<IncidentEvent> parsed = IncidentMessages.eventOf(message, converter);
        if (parsed.isEmpty()) {
            return MessageStream.empty();
        }
        IncidentEvent event = parsed.get();
        long position = TrackingToken.fromContext(context)
                .flatMap(token -> token.position().isPresent()
                        ? Optional.of(token.position().getAsLong()) : Optional.empty())
                .orElseThrow(() -> new IllegalStateException("event " + message.identifier() + " has no log position"));
        TenantId tenant = new TenantId(message.metadata().get(IncidentMessages.TENANT));
        return MessageStream.fromFuture(views.apply(tenant, event.incidentId(), position,
                        state -> IncidentDecider.evolve(state, event))
                .thenApplyAsync(ignored -> (Message) null, continuation))
                .ignoreEntries()
                .cast();
    }
}

package io.firedrill.application.actionitem;

import io.firedrill.application.command.CommandMetadata;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.application.slice.StoredEvents;
import io.firedrill.application.slice.SubjectLog;
import io.firedrill.domain.actionitem.ActionItemEvent;
import io.firedrill.domain.actionitem.ActionItemId;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.axonframework.conversion.Converter;

/** Reads one action item's log from the event store, in append order: always current. */
public final class ActionItemHistory {

    private final SubjectLog log;
    private final StoredEvents storedEvents;
    private final Converter converter;

    public ActionItemHistory(SliceWiring wiring) {
        this.log = new SubjectLog(wiring.eventStore(), wiring.unitsOfWork());
        this.storedEvents = wiring.storedEvents();
        this.converter = wiring.converter();
    }

    /**
     * One fact of an action item as stored.
     *
     * @param source the channel it came through ({@code api}, {@code scheduler})
     */
    public record Recorded(String eventId, ActionItemEvent event, String source) {

        public Recorded {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(event, "event");
        }
    }

    /** The item's facts; fails with {@link ActionItemNotFound} when the tenant has no such item. */
    public CompletableFuture<List<Recorded>> of(TenantId tenant, ActionItemId id) {
        return log.read(ActionItemSlice.criteria(tenant, id)).thenApply(messages -> {
            if (messages.isEmpty()) {
                throw new ActionItemNotFound(id);
            }
            return messages.stream().map(message -> new Recorded(message.identifier(),
                    storedEvents.read(ActionItemSlice.EVENTS, message, converter).orElseThrow(() -> new IllegalStateException(
                            "unexpected event type " + message.type() + " in the log of action item " + id)),
                    message.metadata().get(CommandMetadata.SOURCE))).toList();
        });
    }

    /** The facts alone, in log order. */
    public static List<ActionItemEvent> facts(List<Recorded> history) {
        return history.stream().map(Recorded::event).toList();
    }
}

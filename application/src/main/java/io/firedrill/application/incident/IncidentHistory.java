package io.firedrill.application.incident;

import io.firedrill.application.slice.SliceWiring;
import io.firedrill.application.slice.StoredEvents;
import io.firedrill.application.slice.SubjectLog;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.conversion.Converter;
import org.axonframework.messaging.eventhandling.EventMessage;

/**
 * Reads one incident's log from the event store, in append order: the source of the incident view, its
 * timeline and every replay. Always current (it reads the log, not a projection).
 */
public final class IncidentHistory {

    private final SubjectLog log;
    private final StoredEvents storedEvents;
    private final Converter converter;

    public IncidentHistory(SliceWiring wiring) {
        this.log = new SubjectLog(wiring.eventStore(), wiring.unitsOfWork());
        this.storedEvents = wiring.storedEvents();
        this.converter = wiring.converter();
    }

    /** The incident's events; fails with {@link IncidentNotFound} when the tenant has no such incident. */
    public CompletableFuture<List<RecordedIncidentEvent>> of(TenantId tenant, IncidentId id) {
        return log.read(IncidentSlice.criteria(tenant, id)).thenApply(messages -> {
            if (messages.isEmpty()) {
                throw new IncidentNotFound(id);
            }
            List<RecordedIncidentEvent> events = new ArrayList<>(messages.size());
            for (EventMessage message : messages) {
                events.add(recorded(events.size() + 1, message));
            }
            return List.copyOf(events);
        });
    }

    /** The facts alone, in log order. */
    public static List<IncidentEvent> facts(List<RecordedIncidentEvent> history) {
        return history.stream().map(RecordedIncidentEvent::event).toList();
    }

    private RecordedIncidentEvent recorded(long sequence, EventMessage message) {
        IncidentEvent event = storedEvents.read(IncidentSlice.EVENTS, message, converter).orElseThrow(() ->
                new IllegalStateException("unexpected event type " + message.type() + " in an incident's log"));
        byte[] json = converter.convert(message.payload(), byte[].class);
        return new RecordedIncidentEvent(sequence, message.identifier(), event, message.metadata(),
                new String(json, StandardCharsets.UTF_8));
    }
}

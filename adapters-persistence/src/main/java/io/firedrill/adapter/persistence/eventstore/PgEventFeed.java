package io.firedrill.adapter.persistence.eventstore;

import io.firedrill.application.port.out.EventLogFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The event feed's reads of the log: a tenant's events through the index of tenant and position, wake-ups from the
 * log's notifications.
 */
@ApplicationScoped
public class PgEventFeed implements EventLogFeed {

    /**
     * The most positions one read examines: a reader of rare facts far behind the head goes on window after window,
     * each read bounded, instead of one read that scans the whole log (and outlasts the statement deadline).
     */
    static final long WINDOW = 20_000;

    private final PgEventLog log;
    private final PgLogNotifications notifications;

    @Inject
    public PgEventFeed(PgEventLog log, PgLogNotifications notifications) {
        this.log = log;
        this.notifications = notifications;
    }

    @Override
    public CompletableFuture<Batch> read(String tenant, Set<String> typeNames, Set<Subject> subjects, long after,
                                         int limit) {
        EventFilter filter;
        if (subjects.isEmpty()) {
            filter = typeNames.isEmpty() ? EventFilter.ALL : EventFilter.of(typeNames, Set.of());
        } else {
            List<EventFilter.Alternative> alternatives = new ArrayList<>();
            for (Subject subject : subjects) {
                alternatives.add(new EventFilter.Alternative(typeNames, Set.of(new EventTag(subject.key(), subject.value()))));
            }
            filter = new EventFilter(alternatives);
        }
        long upTo = after > Long.MAX_VALUE - WINDOW ? Long.MAX_VALUE : after + WINDOW;
        return log.readOfTenant(tenant, filter, after, upTo, limit).thenApply(batch -> {
            List<Stored> events = new ArrayList<>(batch.events().size());
            for (PersistedEvent persisted : batch.events()) {
                StoredEvent event = persisted.event();
                Map<String, String> tags = new LinkedHashMap<>();
                event.tags().forEach(tag -> tags.putIfAbsent(tag.key(), tag.value()));
                events.add(new Stored(persisted.position(), event.eventId(), event.typeName(), event.typeVersion(),
                        event.payloadJson().getBytes(StandardCharsets.UTF_8), event.metadata(), tags,
                        persisted.recordedAt()));
            }
            // a read cut at its limit examined the log only up to its last event (its scannedTo is the head or the
            // window's end); a read that examined its whole window may not have reached the head
            if (events.size() >= limit) {
                return new Batch(events, events.getLast().position(), true);
            }
            return new Batch(events, batch.scannedTo(), batch.scannedTo() >= upTo);
        });
    }

    @Override
    public CompletableFuture<Long> head() {
        return log.head();
    }

    @Override
    public Runnable listen(Runnable wake) {
        Runnable listener = wake::run; // its own identity, so that two registrations of one wake are told apart
        notifications.listen(listener);
        return () -> notifications.unlisten(listener);
    }
}

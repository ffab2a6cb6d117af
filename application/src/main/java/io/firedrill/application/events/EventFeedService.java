package io.firedrill.application.events;

import io.firedrill.application.actionitem.ActionItemSlice;
import io.firedrill.application.drill.DrillRunSlice;
import io.firedrill.application.drill.DrillSlice;
import io.firedrill.application.incident.IncidentSlice;
import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.events.EventFeed;
import io.firedrill.application.port.out.EventLogFeed;
import io.firedrill.application.postmortem.PostmortemSlice;
import io.firedrill.application.slice.StoredEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.axonframework.conversion.Converter;

/**
 * The event feed over the log: reads a tenant's stored events after a position and shows each as today's slices
 * declare it (older versions carried forward by the upcasters), so a follower sees one schema per type.
 */
public final class EventFeedService implements EventFeed {

    private static final Map<String, String> SUBJECT_KINDS = Map.of(
            "incident", IncidentSlice.INCIDENT_ID,
            "postmortem", PostmortemSlice.POSTMORTEM_ID,
            "action-item", ActionItemSlice.ACTION_ITEM_ID,
            "drill-plan", DrillSlice.DRILL_PLAN_ID,
            "drill-run", DrillRunSlice.DRILL_RUN_ID);

    private final EventLogFeed log;
    private final StoredEvents storedEvents;
    private final Converter converter;

    public EventFeedService(EventLogFeed log, StoredEvents storedEvents, Converter converter) {
        this.log = log;
        this.storedEvents = storedEvents;
        this.converter = converter;
    }

    @Override
    public Set<String> types() {
        return storedEvents.storedTypes().keySet();
    }

    @Override
    public Map<String, String> subjectKinds() {
        return new TreeMap<>(SUBJECT_KINDS);
    }

    @Override
    public CompletableFuture<Page> read(Query query) {
        Set<String> names = new HashSet<>();
        for (String type : query.types()) {
            if (!storedEvents.storedTypes().containsKey(type)) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("unknown fact type " + type));
            }
            names.addAll(storedEvents.storedNamesOf(type));
        }
        Set<EventLogFeed.Subject> subjects = new HashSet<>();
        for (Subject subject : query.subjects()) {
            String key = SUBJECT_KINDS.get(subject.kind());
            if (key == null) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("unknown subject kind " + subject.kind()));
            }
            subjects.add(new EventLogFeed.Subject(key, subject.id()));
        }
        return log.read(query.tenant().value(), names, subjects, query.after(), query.limit()).thenApply(batch -> {
            List<Fact> facts = new ArrayList<>(batch.events().size());
            for (EventLogFeed.Stored stored : batch.events()) {
                // a name the filter matched may stand for another type today (an upcaster renamed it)
                fact(stored).filter(fact -> query.types().isEmpty() || query.types().contains(fact.type()))
                        .ifPresent(facts::add);
            }
            return new Page(facts, batch.scannedTo(), batch.more());
        });
    }

    @Override
    public CompletableFuture<Long> head() {
        return log.head();
    }

    @Override
    public Runnable onAppend(Runnable wake) {
        return log.listen(wake);
    }

    /** The fact of a stored event; empty for an event of no slice (another component's). */
    private Optional<Fact> fact(EventLogFeed.Stored stored) {
        return storedEvents.current(stored.typeName(), stored.typeVersion(), stored.payloadJson(), converter)
                .map(current -> {
                    Map<String, String> subjects = new LinkedHashMap<>(new TreeMap<>(stored.tags()));
                    subjects.remove(CommandMetadata.TENANT);
                    return new Fact(stored.position(), stored.eventId(), current.name(), current.version(), subjects,
                            stored.metadata().get(CommandMetadata.ACTOR), stored.metadata().get(CommandMetadata.SOURCE),
                            stored.recordedAt(), new String(current.payloadJson(), StandardCharsets.UTF_8));
                });
    }
}

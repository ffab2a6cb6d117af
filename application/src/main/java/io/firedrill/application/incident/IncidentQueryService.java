package io.firedrill.application.incident;

import io.firedrill.application.port.in.Failures;
import io.firedrill.application.port.in.incident.IncidentListQuery;
import io.firedrill.application.port.in.incident.IncidentNotFound;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.in.incident.RecordedIncidentEvent;
import io.firedrill.application.port.out.IncidentListViews;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.application.slice.SubjectReader;
import io.firedrill.application.slice.StoredEvents;
import io.firedrill.application.slice.SubjectLog;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentReplay.Knowledge;
import io.firedrill.domain.incident.IncidentReplay.ReplayedFact;
import io.firedrill.domain.incident.IncidentReplay;
import io.firedrill.domain.incident.ReplayDiff;
import io.firedrill.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.axonframework.conversion.Converter;
import org.axonframework.messaging.eventhandling.EventMessage;

/**
 * Reads incidents: one incident's log from the event store, in append order (the source of the incident, its
 * timeline and every replay: always current), and the list from its read model.
 */
public final class IncidentQueryService implements IncidentQueries {

    private final SubjectLog log;
    private final StoredEvents storedEvents;
    private final Converter converter;
    private final IncidentListViews views;
    private final SubjectReader<Incident> incidents;

    public IncidentQueryService(SliceWiring wiring, IncidentListViews views) {
        this.log = new SubjectLog(wiring.eventStore(), wiring.unitsOfWork());
        this.incidents = wiring.subjects(IncidentSlice.MODEL);
        this.storedEvents = wiring.storedEvents();
        this.converter = wiring.converter();
        this.views = views;
    }

    @Override
    public CompletableFuture<List<RecordedIncidentEvent>> history(TenantId tenant, IncidentId id) {
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

    /**
     * The incident as its commands see it: from the state they (or an earlier read) cached, with only the events
     * appended since read and folded.
     */
    @Override
    public CompletableFuture<Incident> incident(TenantId tenant, IncidentId id) {
        return incidents.current(IncidentSlice.criteria(tenant, id)).thenApply(incident -> {
            if (!IncidentSlice.MODEL.exists(incident)) {
                throw new IncidentNotFound(id);
            }
            return incident;
        });
    }

    @Override
    public CompletableFuture<Optional<List<RecordedIncidentEvent>>> findHistory(TenantId tenant, IncidentId id) {
        return history(tenant, id).handle((events, failure) -> {
            if (failure == null) {
                return Optional.of(events);
            }
            if (Failures.unwrap(failure) instanceof IncidentNotFound) {
                return Optional.empty();
            }
            throw new CompletionException(Failures.unwrap(failure));
        });
    }

    @Override
    public CompletableFuture<Replay> replay(TenantId tenant, IncidentId id, Instant at, Knowledge knowledge) {
        return history(tenant, id).thenApply(events -> {
            List<ReplayedFact> facts = IncidentReplay.factsAsOf(RecordedIncidentEvent.facts(events), at, knowledge);
            Incident state = IncidentDecider.fold(facts.stream().map(ReplayedFact::fact).toList());
            if (!state.declared()) {
                throw new IncidentNotFound(notYet(id, at, knowledge, events));
            }
            return new Replay(state, entries(events, facts));
        });
    }

    @Override
    public CompletableFuture<Diff> diff(TenantId tenant, IncidentId id, Instant from, Instant to, Knowledge knowledge) {
        if (from.isAfter(to)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("from must not be after to"));
        }
        return history(tenant, id).thenApply(events -> {
            List<IncidentEvent> facts = RecordedIncidentEvent.facts(events);
            ReplayDiff diff = IncidentReplay.diff(facts, from, to, knowledge);
            Set<Integer> before = new HashSet<>();
            IncidentReplay.factsAsOf(facts, from, knowledge).forEach(fact -> before.add(fact.index()));
            List<ReplayedFact> between = IncidentReplay.factsAsOf(facts, to, knowledge).stream()
                    .filter(fact -> !before.contains(fact.index())).toList();
            return new Diff(diff.before(), diff.after(), diff.changes(), entries(events, between));
        });
    }

    @Override
    public CompletableFuture<IncidentListQuery.Page> list(IncidentListQuery query) {
        return views.list(query);
    }

    private static List<ReplayedEntry> entries(List<RecordedIncidentEvent> events, List<ReplayedFact> facts) {
        return facts.stream().map(fact -> new ReplayedEntry(events.get(fact.index()), fact.fact())).toList();
    }

    private static String notYet(IncidentId id, Instant at, Knowledge knowledge, List<RecordedIncidentEvent> events) {
        Incident now = IncidentDecider.fold(RecordedIncidentEvent.facts(events));
        return knowledge == Knowledge.RECORDED
                ? "Incident " + id + " was not known to Firedrill yet at " + at + ": it was recorded at "
                        + events.getFirst().event().recordedAt() + "."
                : "Incident " + id + " did not exist yet at " + at + ": it was detected at " + now.detectedAt() + ".";
    }

    private RecordedIncidentEvent recorded(long sequence, EventMessage message) {
        IncidentEvent event = storedEvents.read(IncidentSlice.EVENTS, message, converter).orElseThrow(() ->
                new IllegalStateException("unexpected event type " + message.type() + " in an incident's log"));
        byte[] json = converter.convert(message.payload(), byte[].class);
        return new RecordedIncidentEvent(sequence, message.identifier(),
                storedEvents.storedTypeOf(message.type()).orElseThrow().name(), event,
                message.metadata(), new String(json, StandardCharsets.UTF_8));
    }
}

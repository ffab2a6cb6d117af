package io.firedrill.application.notification;

import io.firedrill.application.actionitem.ActionItemSlice;
import io.firedrill.application.actionitem.PostmortemLinks;
import io.firedrill.application.drill.DrillRunSlice;
import io.firedrill.application.port.in.actionitem.ActionItemQueries;
import io.firedrill.application.port.in.drill.DrillRunQueries;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.in.incident.RecordedIncidentEvent;
import io.firedrill.application.postmortem.PostmortemSlice;
import io.firedrill.application.slice.EventTypes;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.domain.actionitem.ActionItem;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemBecameOverdue;
import io.firedrill.domain.drill.DrillRun;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunEnded;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunReviewReminded;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.notification.Notice;
import io.firedrill.domain.notification.NoticeType;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemPublished;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.eventhandling.EventMessage;

/**
 * The notices of facts about other things than incidents: a postmortem published, an action item overdue, a drill
 * run finished or still waiting for its review. Each is worded from its subject as it stands when the fact is handled
 * (and, for a postmortem or an action item of an incident, the incident), and queued by {@link NoticeQueue} under the
 * fact's id. Handled by the {@link NotificationFeed}'s processor, sequenced by subject.
 */
final class SubjectNotices {

    private final SliceWiring wiring;
    private final IncidentQueries incidents;
    private final ActionItemQueries items;
    private final DrillRunQueries runs;
    private final PostmortemLinks postmortems;
    private final NoticeQueue queue;
    private final Executor continuation;
    private final Set<QualifiedName> postmortemNames = namesOf(PostmortemSlice.EVENTS, PostmortemPublished.class);
    private final Set<QualifiedName> itemNames = namesOf(ActionItemSlice.EVENTS, ActionItemBecameOverdue.class);
    private final Set<QualifiedName> runNames = namesOf(DrillRunSlice.EVENTS, DrillRunEnded.class,
            DrillRunReviewReminded.class);

    SubjectNotices(SliceWiring wiring, IncidentQueries incidents, ActionItemQueries items, DrillRunQueries runs,
                   PostmortemLinks postmortems, NoticeQueue queue) {
        this.wiring = wiring;
        this.incidents = incidents;
        this.items = items;
        this.runs = runs;
        this.postmortems = postmortems;
        this.queue = queue;
        this.continuation = wiring.continuation();
    }

    /** The stored names of the facts handled here: only those that have a notice. */
    Set<QualifiedName> names() {
        Set<QualifiedName> names = new HashSet<>();
        names.addAll(postmortemNames);
        names.addAll(itemNames);
        names.addAll(runNames);
        return names;
    }

    private static Set<QualifiedName> namesOf(EventTypes<?> table, Class<?>... types) {
        List<Class<?>> wanted = List.of(types);
        return table.storedTypes().stream().filter(stored -> wanted.contains(stored.type()))
                .map(stored -> new QualifiedName(stored.name())).collect(Collectors.toUnmodifiableSet());
    }

    /** A fact handled here, if the message is one: what it is about (its sequence), when, and its notice type. */
    record Fact(Object subject, Instant occurredAt, NoticeType type, Object event) {
    }

    /** The fact of a message handled here (its payload read once, from the table its name says); else empty. */
    Optional<Fact> read(EventMessage message) {
        QualifiedName name = message.type().qualifiedName();
        if (postmortemNames.contains(name)) {
            return wiring.storedEvents().read(PostmortemSlice.EVENTS, message, wiring.converter())
                    .filter(PostmortemPublished.class::isInstance)
                    .map(event -> new Fact(event.postmortemId(), event.occurredAt(), NoticeType.POSTMORTEM_PUBLISHED,
                            event));
        }
        if (itemNames.contains(name)) {
            return wiring.storedEvents().read(ActionItemSlice.EVENTS, message, wiring.converter())
                    .filter(ActionItemBecameOverdue.class::isInstance)
                    .map(event -> new Fact(event.actionItemId(), event.occurredAt(), NoticeType.ACTION_ITEM_OVERDUE,
                            event));
        }
        if (runNames.contains(name)) {
            return wiring.storedEvents().read(DrillRunSlice.EVENTS, message, wiring.converter())
                    .map(event -> new Fact(event.drillRunId(), event.occurredAt(),
                            event instanceof DrillRunEnded ? NoticeType.DRILL_RUN_FINISHED
                                    : NoticeType.DRILL_RUN_AWAITING_REVIEW, event));
        }
        return Optional.empty();
    }

    /** Queues the notice of a fact whose type is set. */
    CompletableFuture<Void> handle(TenantId tenant, String eventId, Fact fact) {
        return switch (fact.event()) {
            case PostmortemPublished published -> postmortems.incidentOf(tenant, published.postmortemId())
                    .thenCompose(incident -> incident.isEmpty() ? CompletableFuture.<Void>completedFuture(null)
                            : incident(tenant, incident.get()).thenCompose(state -> queue.queue(tenant, eventId,
                            new Notice(fact.type(), fact.occurredAt(), published.by().name(), state.drill(),
                                    NoticeQueue.incident(state, null), new Notice.Subject("postmortem",
                                    published.postmortemId().toString(), state.title(), state.commander(), null,
                                    "PUBLISHED"), null, 1, null), state.id().toString())));
            case ActionItemBecameOverdue overdue -> items.item(tenant, overdue.actionItemId()).thenCompose(item ->
                    incidentOf(tenant, item.incidentId())
                            .thenCompose(state -> queue.queue(tenant, eventId, new Notice(fact.type(),
                                    fact.occurredAt(), overdue.by().name(), item.drillRunId() != null,
                                    state.map(s -> NoticeQueue.incident(s, null)).orElse(null), subject(item, overdue),
                                    null, 1, null), item.id().toString())));
            case DrillRunEnded ended -> run(tenant, eventId, fact, ended.drillRunId(), ended.by().name(),
                    ended.reason());
            case DrillRunReviewReminded reminded -> run(tenant, eventId, fact, reminded.drillRunId(),
                    reminded.by().name(), null);
            default -> CompletableFuture.completedFuture(null);
        };
    }

    private CompletableFuture<Void> run(TenantId tenant, String eventId, Fact fact,
                                        io.firedrill.domain.drill.DrillRunId id, String by, String reason) {
        return runs.run(tenant, id).thenCompose(run -> incidentOf(tenant, run.incidentId())
                .thenCompose(state -> queue.queue(tenant, eventId, new Notice(fact.type(), fact.occurredAt(), by, true,
                        state.map(s -> NoticeQueue.incident(s, null)).orElse(null), subject(run), reason, 1, null),
                        run.id().toString())));
    }

    /** The incident a subject follows, if it follows one ({@code id} may be null). */
    private CompletableFuture<Optional<Incident>> incidentOf(TenantId tenant, IncidentId id) {
        return id == null ? CompletableFuture.completedFuture(Optional.empty())
                : incident(tenant, id).thenApply(Optional::of);
    }

    private CompletableFuture<Incident> incident(TenantId tenant, IncidentId id) {
        return incidents.history(tenant, id).thenApplyAsync(history -> IncidentDecider.fold(
                history.stream().map(RecordedIncidentEvent::event).toList()), continuation);
    }

    private static Notice.Subject subject(ActionItem item, ActionItemBecameOverdue overdue) {
        return new Notice.Subject("action-item", item.id().toString(), item.title(), item.owner(),
                overdue.dueDate().toString(), item.status() == null ? null : item.status().name());
    }

    private static Notice.Subject subject(DrillRun run) {
        return new Notice.Subject("drill-run", run.id().toString(), run.definition().name(),
                run.definition().owner(), null, run.outcome() == null ? null : run.outcome().name());
    }
}

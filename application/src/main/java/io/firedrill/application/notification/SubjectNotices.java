package io.firedrill.application.notification;

import io.firedrill.application.actionitem.ActionItemSlice;
import io.firedrill.application.actionitem.PostmortemLinks;
import io.firedrill.application.drill.DrillRunSlice;
import io.firedrill.application.port.in.actionitem.ActionItemQueries;
import io.firedrill.application.port.in.drill.DrillRunQueries;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.in.incident.RecordedIncidentEvent;
import io.firedrill.application.postmortem.PostmortemSlice;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.domain.actionitem.ActionItem;
import io.firedrill.domain.actionitem.ActionItemEvent;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemBecameOverdue;
import io.firedrill.domain.drill.DrillRun;
import io.firedrill.domain.drill.DrillRunEvent;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunEnded;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunReviewReminded;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.notification.Notice;
import io.firedrill.domain.notification.NoticeType;
import io.firedrill.domain.postmortem.PostmortemEvent;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemPublished;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
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

    /** The stored names of the facts handled here. */
    Set<QualifiedName> names() {
        Set<QualifiedName> names = new HashSet<>();
        names.addAll(wiring.storedEvents().namesOf(PostmortemSlice.EVENTS));
        names.addAll(wiring.storedEvents().namesOf(ActionItemSlice.EVENTS));
        names.addAll(wiring.storedEvents().namesOf(DrillRunSlice.EVENTS));
        return names;
    }

    /** A fact handled here, if the message is one: what it is about (its sequence), when, and its notice type. */
    record Fact(Object subject, Instant occurredAt, NoticeType type, Object event) {
    }

    Optional<Fact> read(EventMessage message) {
        Optional<PostmortemEvent> postmortem = wiring.storedEvents().read(PostmortemSlice.EVENTS, message,
                wiring.converter());
        if (postmortem.isPresent()) {
            PostmortemEvent event = postmortem.get();
            return Optional.of(new Fact(event.postmortemId(), event.occurredAt(),
                    event instanceof PostmortemPublished ? NoticeType.POSTMORTEM_PUBLISHED : null, event));
        }
        Optional<ActionItemEvent> item = wiring.storedEvents().read(ActionItemSlice.EVENTS, message, wiring.converter());
        if (item.isPresent()) {
            ActionItemEvent event = item.get();
            return Optional.of(new Fact(event.actionItemId(), event.occurredAt(),
                    event instanceof ActionItemBecameOverdue ? NoticeType.ACTION_ITEM_OVERDUE : null, event));
        }
        Optional<DrillRunEvent> run = wiring.storedEvents().read(DrillRunSlice.EVENTS, message, wiring.converter());
        return run.map(event -> new Fact(event.drillRunId(), event.occurredAt(), switch (event) {
            case DrillRunEnded ignored -> NoticeType.DRILL_RUN_FINISHED;
            case DrillRunReviewReminded ignored -> NoticeType.DRILL_RUN_AWAITING_REVIEW;
            default -> null;
        }, event));
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
                    (item.incidentId() == null ? CompletableFuture.<Optional<Incident>>completedFuture(Optional.empty())
                            : incident(tenant, item.incidentId()).thenApply(Optional::of))
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
        return runs.run(tenant, id).thenCompose(run -> (run.incidentId() == null
                ? CompletableFuture.<Optional<Incident>>completedFuture(Optional.empty())
                : incident(tenant, run.incidentId()).thenApply(Optional::of))
                .thenCompose(state -> queue.queue(tenant, eventId, new Notice(fact.type(), fact.occurredAt(), by, true,
                        state.map(s -> NoticeQueue.incident(s, null)).orElse(null), subject(run), reason, 1, null),
                        run.id().toString())));
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

package io.firedrill.application.actionitem;

import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.actionitem.ActionItemNotFound;
import io.firedrill.application.port.in.actionitem.ActionItemQueries;
import io.firedrill.application.port.out.ActionItemViews;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.application.slice.StoredEvents;
import io.firedrill.application.slice.SubjectLog;
import io.firedrill.domain.actionitem.ActionItem;
import io.firedrill.domain.actionitem.ActionItemDecider;
import io.firedrill.domain.actionitem.ActionItemId;
import io.firedrill.domain.shared.TenantId;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.conversion.Converter;

/** Reads action items: one item's log from the event store, in append order (always current), and the read model. */
public final class ActionItemQueryService implements ActionItemQueries {

    private final SubjectLog log;
    private final StoredEvents storedEvents;
    private final Converter converter;
    private final ActionItemViews views;

    public ActionItemQueryService(SliceWiring wiring, ActionItemViews views) {
        this.log = new SubjectLog(wiring.eventStore(), wiring.unitsOfWork());
        this.storedEvents = wiring.storedEvents();
        this.converter = wiring.converter();
        this.views = views;
    }

    @Override
    public CompletableFuture<List<Recorded>> history(TenantId tenant, ActionItemId id) {
        return log.read(ActionItemSlice.criteria(tenant, id)).thenApply(messages -> {
            if (messages.isEmpty()) {
                throw new ActionItemNotFound(id);
            }
            return messages.stream().map(message -> new Recorded(message.identifier(),
                    storedEvents.storedTypeOf(message.type()).orElseThrow().name(),
                    storedEvents.read(ActionItemSlice.EVENTS, message, converter).orElseThrow(() -> new IllegalStateException(
                            "unexpected event type " + message.type() + " in the log of action item " + id)),
                    message.metadata().get(CommandMetadata.SOURCE))).toList();
        });
    }

    @Override
    public CompletableFuture<ActionItem> item(TenantId tenant, ActionItemId id) {
        return history(tenant, id).thenApply(history -> ActionItemDecider.fold(history.stream().map(Recorded::event).toList()));
    }

    @Override
    public CompletableFuture<Page> list(Query query) {
        return views.list(query);
    }

    @Override
    public CompletableFuture<Report> report(TenantId tenant, LocalDate today) {
        return views.report(tenant, today);
    }
}

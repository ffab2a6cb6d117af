package io.firedrill.application.slice;

import java.util.concurrent.CompletableFuture;
import org.axonframework.conversion.Converter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.core.unitofwork.UnitOfWorkFactory;
import org.axonframework.messaging.eventstreaming.EventCriteria;

/**
 * Reads a subject's current state for a query, as the concept's commands get it: from the state they (or an earlier
 * read) cached, with only the events appended since read and folded, so a read of an incident with thousands of
 * events costs what is new, not the whole history. Current, never stale: every read asks the log for the events after
 * the cached state's marker.
 */
public final class SubjectReader<S> {

    private final SubjectFolds<?, S> folds;
    private final EventStore eventStore;
    private final UnitOfWorkFactory unitsOfWork;
    private final Converter converter;

    SubjectReader(SubjectFolds<?, S> folds, EventStore eventStore, UnitOfWorkFactory unitsOfWork, Converter converter) {
        this.folds = folds;
        this.eventStore = eventStore;
        this.unitsOfWork = unitsOfWork;
        this.converter = converter;
    }

    /** The state of the subject that {@code criteria} select: the model's empty state when it has no events. */
    public CompletableFuture<S> current(EventCriteria criteria) {
        return unitsOfWork.create().executeWithResult(context -> folds.current(eventStore.transaction(context), criteria,
                converter, SubjectFolds.Folded::state));
    }
}

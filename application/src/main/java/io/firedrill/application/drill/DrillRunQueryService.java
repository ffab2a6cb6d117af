package io.firedrill.application.drill;

import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.drill.DrillRunNotFound;
import io.firedrill.application.port.in.drill.DrillRunQueries;
import io.firedrill.application.port.out.DrillRunViews;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.application.slice.StoredEvents;
import io.firedrill.application.slice.SubjectLog;
import io.firedrill.application.slice.SubjectReader;
import io.firedrill.domain.drill.DrillRun;
import io.firedrill.domain.drill.DrillRunId;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.conversion.Converter;

/** Reads drill runs: one run through the commands' state cache, its timeline from its log, the list from the read model. */
final class DrillRunQueryService implements DrillRunQueries {

    private final SubjectLog log;
    private final StoredEvents storedEvents;
    private final Converter converter;
    private final SubjectReader<DrillRun> runs;
    private final DrillRunViews views;

    DrillRunQueryService(SliceWiring wiring, SubjectReader<DrillRun> runs, DrillRunViews views) {
        this.log = new SubjectLog(wiring.eventStore(), wiring.unitsOfWork());
        this.storedEvents = wiring.storedEvents();
        this.converter = wiring.converter();
        this.runs = runs;
        this.views = views;
    }

    @Override
    public CompletableFuture<DrillRun> run(TenantId tenant, DrillRunId id) {
        return runs.current(DrillRunSlice.criteria(tenant, id)).thenApply(run -> {
            if (!run.started()) {
                throw new DrillRunNotFound(id);
            }
            return run;
        });
    }

    @Override
    public CompletableFuture<List<Recorded>> timeline(TenantId tenant, DrillRunId id) {
        return log.read(DrillRunSlice.criteria(tenant, id)).thenApply(messages -> {
            if (messages.isEmpty()) {
                throw new DrillRunNotFound(id);
            }
            return messages.stream().map(message -> new Recorded(message.identifier(),
                    storedEvents.storedTypeOf(message.type()).orElseThrow().name(),
                    storedEvents.read(DrillRunSlice.EVENTS, message, converter).orElseThrow(() -> new IllegalStateException(
                            "unexpected event type " + message.type() + " in the log of drill run " + id)),
                    message.metadata().get(CommandMetadata.SOURCE))).toList();
        });
    }

    @Override
    public CompletableFuture<DrillRun> replay(TenantId tenant, DrillRunId id, java.time.Instant at) {
        return timeline(tenant, id).thenApply(timeline -> {
            java.util.List<io.firedrill.domain.drill.DrillRunEvent> until = timeline.stream().map(Recorded::event)
                    .filter(event -> !event.occurredAt().isAfter(at)).toList();
            if (until.isEmpty()) {
                throw new IllegalArgumentException("at " + at + " is before the run started ("
                        + timeline.getFirst().event().occurredAt() + ")");
            }
            return io.firedrill.domain.drill.DrillRunDecider.fold(until);
        });
    }

    @Override
    public CompletableFuture<Page> list(Query query) {
        return views.list(query);
    }
}

package io.firedrill.toy;

import io.firedrill.application.command.CommandSender;
import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.slice.EventTypes;
import io.firedrill.application.slice.Processor;
import io.firedrill.application.slice.ProjectedRows;
import io.firedrill.application.slice.Slice;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.application.slice.SourcedModel;
import io.firedrill.domain.shared.TenantId;
import io.firedrill.toy.KettleDecider.Kettle;
import io.firedrill.toy.KettleEvent.KettleBoiled;
import io.firedrill.toy.KettleEvent.KettleFilled;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.Tag;

/**
 * A toy concept, added the way docs/architecture.md tells a newcomer to add one: everything it needs is in this
 * package (and its line in META-INF/services). Its projection counts boils per kettle in memory.
 */
public final class KettleSlice implements Slice {

    /** What the toy stores; version 1 of {@code toy.KettleFilled} wrote {@code liters}. */
    static final EventTypes<KettleEvent> EVENTS = EventTypes.of("toy", KettleEvent.class)
            .event("toy.KettleFilled", 2, KettleFilled.class)
            .event("toy.KettleBoiled", 1, KettleBoiled.class)
            .commands(Boil.class)
            .subjectTags("kettleId", KettleEvent::kettleId)
            .upcaster("toy.KettleFilled", 1, "toy.KettleFilled", 2, payload -> {
                Map<String, Object> next = new HashMap<>(payload);
                next.put("litres", next.remove("liters"));
                return next;
            })
            .build();

    static EventCriteria criteria(TenantId tenant, String kettleId) {
        return EventCriteria.havingTags(Tag.of("kettleId", kettleId), Tag.of(CommandMetadata.TENANT, tenant.value()));
    }

    private static final SourcedModel<Boil, KettleEvent, Kettle> MODEL =
            SourcedModel.<Boil, KettleEvent, Kettle>builder("kettle", EVENTS)
                    .criteria((tenant, command) -> criteria(tenant, command.kettleId()))
                    .state(Kettle.EMPTY, KettleDecider::fold, Kettle::version)
                    .decide(KettleDecider::decide)
                    .recordedAt(event -> switch (event) {
                        case KettleFilled filled -> filled.at();
                        case KettleBoiled boiled -> boiled.at();
                    })
                    .build();

    /** The toy's use case: boil, and read the board. */
    public interface Kettles {

        CompletableFuture<CommandOutcome<Kettle>> boil(Boil command, CommandContext context);

        /** The kettle as the projection has it, {@code {litres, boils}} (empty before its first fact is projected). */
        Optional<int[]> board(TenantId tenant, String kettleId);
    }

    /** The projection: litres and boils per kettle, idempotent by log position. */
    private final Map<String, long[]> board = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "toy";
    }

    @Override
    public EventTypes<KettleEvent> events() {
        return EVENTS;
    }

    @Override
    public List<CommandModule> commands() {
        return List.of(new CommandModule("toy-commands", EVENTS.commands(), MODEL));
    }

    @Override
    public void wire(SliceWiring wiring) {
        wiring.provide(Kettles.class, () -> new Kettles() {
            private final CommandSender sender = new CommandSender(wiring.commandGateway(), "kettle");

            @Override
            public CompletableFuture<CommandOutcome<Kettle>> boil(Boil command, CommandContext context) {
                return sender.send(command, context);
            }

            @Override
            public Optional<int[]> board(TenantId tenant, String kettleId) {
                long[] row = board.get(tenant.value() + "/" + kettleId);
                return row == null ? Optional.empty() : Optional.of(new int[] {(int) row[2], (int) row[1]});
            }
        });
        wiring.processor(Processor.readModel("toy-kettle-board", () -> new ProjectedRows<>(EVENTS, wiring,
                KettleEvent::kettleId, (tenant, event, position) -> {
                    board.compute(tenant.value() + "/" + event.kettleId(), (key, row) -> {
                        // {last position, boils, litres}
                        long[] next = row == null ? new long[] {-1, 0, 0} : row.clone();
                        if (position > next[0]) {
                            next[0] = position;
                            switch (event) {
                                case KettleFilled filled -> next[2] = filled.litres();
                                case KettleBoiled boiled -> next[1]++;
                            }
                        }
                        return next;
                    });
                    return CompletableFuture.completedFuture(null);
                }).component(), () -> {
                    board.clear();
                    return CompletableFuture.completedFuture(null);
                }));
    }
}

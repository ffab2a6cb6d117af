package io.firedrill.bootstrap.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.adapter.persistence.projection.PgParkedEvents;
import io.firedrill.application.port.in.admin.ProjectionAdmin.Kind;
import io.firedrill.application.slice.ProjectedRows;
import io.firedrill.application.slice.StoredEvents;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentRuleViolation;
import io.firedrill.domain.incident.IncidentStatus;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.axonframework.conversion.ConversionException;
import org.axonframework.messaging.core.Message;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventhandling.SimpleEventHandlingComponent;
import org.axonframework.messaging.eventhandling.sequencing.SequencingPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the parking component routes and completes an event, without a database: an event this instance cannot read
 * yet is never routed by its own id (it would leave its subject's segment), and every outcome completes on the
 * continuation executor, never on the thread that failed it (a Vert.x event loop in production).
 */
class ParkingEventHandlingComponentTest {

    private static final String TYPE = "incident.IncidentAcknowledged";

    private final ExecutorService continuation = Executors.newSingleThreadExecutor(r -> new Thread(r, "continuation"));
    private final ExecutorService eventLoop = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-event-loop"));

    @AfterEach
    void stop() {
        continuation.shutdownNow();
        eventLoop.shutdownNow();
    }

    @Test
    void anEventOfAVersionThisInstanceCannotReadYet_isNotRoutedByItsOwnId_theProcessorRetriesIt() {
        ParkingEventHandlingComponent component = component((event, context) -> {
            throw new StoredEvents.UnreadableVersion("stored event is " + TYPE + " version 9");
        }, (event, context) -> MessageStream.empty());

        assertThatThrownBy(() -> component.sequenceIdentifierFor(event(), null))
                .isInstanceOf(StoredEvents.UnreadableVersion.class);
    }

    @Test
    void anEventWhosePayloadCannotBeRead_isItsOwnSequence() {
        ParkingEventHandlingComponent component = component((event, context) -> {
            throw new ConversionException("a JSON array for a record");
        }, (event, context) -> MessageStream.empty());
        EventMessage event = event();

        assertThat(component.sequenceIdentifierFor(event, null)).isEqualTo(event.identifier());
    }

    @Test
    void aFailureCompletesOnTheContinuation_notOnTheThreadThatFailedIt() throws Exception {
        CompletableFuture<Message> handled = new CompletableFuture<>();
        ParkingEventHandlingComponent component = component((event, context) -> Optional.of("incident-1"),
                (event, context) -> MessageStream.fromFuture(handled).ignoreEntries().cast());
        CompletableFuture<String> completedOn = new CompletableFuture<>();

        component.handle(event(), null).asCompletableFuture()
                .whenComplete((ignored, failure) -> completedOn.complete(Thread.currentThread().getName()
                        + (failure == null ? "" : " after a failure")));
        // The handler's I/O fails on its event loop once the component waits for it.
        eventLoop.submit(() -> {
            while (!continuationIsIdle()) {
                Thread.onSpinWait();
            }
            handled.completeExceptionally(new ConnectException("connection refused"));
        });

        assertThat(completedOn.get(10, TimeUnit.SECONDS)).isEqualTo("continuation after a failure");
    }

    @Test
    void aCommandRefusedInAnAutomation_failsTheEventToBeHandledAgain_whileARuleViolationInAReadModelParksIt()
            throws Exception {
        RuntimeException refused = IncidentRuleViolation.alertNeedsOpenIncident(new IncidentId(UUID.randomUUID()),
                IncidentStatus.RECOVERED, "fp-1");
        for (Kind kind : Kind.values()) {
            RecordingParked parked = new RecordingParked();
            ParkingEventHandlingComponent component = new ParkingEventHandlingComponent("alert-grouping", kind,
                    delegate((event, context) -> Optional.of("integration-1"),
                            (event, context) -> MessageStream.failed(refused)), parked, continuation);

            CompletableFuture<?> handled = component.handle(event(), null).asCompletableFuture();

            if (kind == Kind.AUTOMATION) {
                assertThatThrownBy(() -> handled.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IncidentRuleViolation.class);
                assertThat(parked.parked).isEmpty();
            } else {
                handled.get(10, TimeUnit.SECONDS);
                assertThat(parked.parked).containsExactly("incident.IncidentAcknowledged at 42");
            }
        }
    }

    private boolean continuationIsIdle() {
        try {
            return continuation.submit(() -> true).get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    private ParkingEventHandlingComponent component(SequencingPolicy sequencing,
                                                    org.axonframework.messaging.eventhandling.EventHandler handler) {
        return new ParkingEventHandlingComponent("incident-list", Kind.READ_MODEL, delegate(sequencing, handler),
                new NothingParked(), continuation);
    }

    private static SimpleEventHandlingComponent delegate(SequencingPolicy sequencing,
                                                         org.axonframework.messaging.eventhandling.EventHandler handler) {
        SimpleEventHandlingComponent delegate = new SimpleEventHandlingComponent(sequencing);
        delegate.subscribe(new QualifiedName(TYPE), handler);
        return delegate;
    }

    private static EventMessage event() {
        return new GenericEventMessage(new MessageType(TYPE, "1"), "{}",
                Map.of(ProjectedRows.POSITION, "42", "tenant", "acme"));
    }

    /** Nothing parked ahead of any event; remembers what it is asked to park. */
    private static final class RecordingParked extends PgParkedEvents {

        final List<String> parked = new CopyOnWriteArrayList<>();

        RecordingParked() {
            super(null);
        }

        @Override
        public CompletableFuture<Optional<Long>> holdBehind(Event event) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletableFuture<Void> park(Event event, String errorClass, String errorMessage) {
            parked.add(event.typeName() + " at " + event.position());
            return CompletableFuture.completedFuture(null);
        }
    }

    /** No event of any subject is parked, and nothing is asked of a database. */
    private static final class NothingParked extends PgParkedEvents {

        NothingParked() {
            super(null);
        }

        @Override
        public CompletableFuture<Optional<Long>> holdBehind(Event event) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
    }
}

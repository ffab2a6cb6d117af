package io.firedrill.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.application.command.CommandMetadata;
import io.firedrill.application.command.CommandSender;
import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.Failures;
import io.firedrill.application.port.in.NotFound;
import io.firedrill.application.slice.Slices;
import io.firedrill.application.slice.StoredEvents;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.RuleViolation;
import io.firedrill.domain.shared.Source;
import io.firedrill.domain.shared.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.configuration.AxonConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.TaggedEventMessage;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.core.unitofwork.UnitOfWorkFactory;
import org.axonframework.messaging.eventhandling.GenericEventMessage;

/**
 * Given–when–then over the real command path of every registered slice, without Quarkus or a database: Axon's
 * configuration built by {@link Slices#configurer} on an in-memory event store, commands sent through the command
 * gateway as the use cases send them, events read back as they were appended (stored name and metadata included).
 *
 * <pre>{@code
 * SliceFixture.at(NOW).given(declared).when(new AcknowledgeIncident(...)).then(new IncidentAcknowledged(...));
 * }</pre>
 */
public final class SliceFixture implements AutoCloseable {

    /** The tenant commands are sent for and given events belong to, unless a test names another. */
    public static final TenantId TENANT = new TenantId("acme");
    /** Who sends the commands. */
    public static final Actor ALICE = Actor.user("alice");

    private final RecordingEngine engine = new RecordingEngine();
    private final StoredEvents storedEvents;
    private final AxonConfiguration configuration;
    private int givenCount;
    private CompletableFuture<CommandOutcome<Object>> outcome;

    private SliceFixture(Clock clock) {
        Slices slices = Slices.load();
        this.storedEvents = slices.storedEvents();
        this.configuration = slices.configurer(clock).registerEventStorageEngine(ignored -> engine).build();
        configuration.start();
    }

    /** A fixture whose clock stands still at {@code now}. */
    public static SliceFixture at(Instant now) {
        return new SliceFixture(Clock.fixed(now, ZoneOffset.UTC));
    }

    /** Events already in the log, of {@link #TENANT}, appended as a command of {@link #ALICE} would have. */
    public SliceFixture given(Object... events) {
        return given(TENANT, events);
    }

    /** Events already in the log, of {@code tenant}. */
    public SliceFixture given(TenantId tenant, Object... events) {
        Map<String, String> metadata = Map.of(CommandMetadata.TENANT, tenant.value(), CommandMetadata.ACTOR,
                ALICE.toString(), CommandMetadata.SOURCE, "api");
        UnitOfWorkFactory unitsOfWork = configuration.getComponent(UnitOfWorkFactory.class);
        EventStore eventStore = configuration.getComponent(EventStore.class);
        await(unitsOfWork.create().executeWithResult(context -> {
            for (Object event : events) {
                eventStore.transaction(context).appendEvent(new GenericEventMessage(UUID.randomUUID().toString(),
                        storedEvents.typeOf(event), event, metadata, Instant.EPOCH));
            }
            return CompletableFuture.completedFuture(null);
        }));
        givenCount = engine.committed().size();
        return this;
    }

    /** Sends the command for {@link #TENANT} as {@link #ALICE}, through the API. */
    public SliceFixture when(Object command) {
        return when(command, new CommandContext(TENANT, ALICE, Source.API, null, null, null));
    }

    /** Sends the command in {@code context}. */
    public SliceFixture when(Object command, CommandContext context) {
        givenCount = engine.committed().size();
        outcome = new CommandSender(configuration.getComponent(CommandGateway.class), "subject").send(command, context);
        return this;
    }

    /** The command succeeded and appended exactly these events, in order. */
    public CommandOutcome<Object> then(Object... expected) {
        CommandOutcome<Object> result = await(outcome);
        assertThat(appended()).containsExactly(expected);
        assertThat(result.appended()).isEqualTo(expected.length);
        return result;
    }

    /** The command succeeded and appended nothing. */
    public CommandOutcome<Object> thenNothingHappens() {
        return then();
    }

    /** The command broke the rule with this code, and nothing was appended. */
    public void thenRule(String code) {
        Throwable failure = failure();
        assertThat(failure).isInstanceOf(RuleViolation.class);
        assertThat(((RuleViolation) failure).code()).isEqualTo(code);
        assertThat(appended()).isEmpty();
    }

    /** The command's subject does not exist (for its tenant), and nothing was appended. */
    public void thenNotFound() {
        assertThat(failure()).isInstanceOf(NotFound.class);
        assertThat(appended()).isEmpty();
    }

    /** The command failed with {@code type}, and nothing was appended. */
    public Throwable thenFails(Class<? extends Throwable> type) {
        Throwable failure = failure();
        assertThat(failure).isInstanceOf(type);
        assertThat(appended()).isEmpty();
        return failure;
    }

    /** The events the command appended, as committed: payload, stored name and metadata. */
    public List<TaggedEventMessage<?>> appendedMessages() {
        return engine.committed().subList(givenCount, engine.committed().size());
    }

    private List<Object> appended() {
        List<Object> payloads = new ArrayList<>();
        for (TaggedEventMessage<?> message : appendedMessages()) {
            payloads.add(message.event().payload());
        }
        return payloads;
    }

    private Throwable failure() {
        try {
            outcome.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return Failures.unwrap(e);
        } catch (Exception e) {
            throw new AssertionError("the command did not finish", e);
        }
        throw new AssertionError("the command succeeded: " + appended());
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success, got " + Failures.unwrap(e), Failures.unwrap(e));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        configuration.shutdown();
    }
}

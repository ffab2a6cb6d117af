package io.firedrill.application.incident;

import io.firedrill.application.port.out.IncidentNumbers;
import io.firedrill.domain.incident.IncidentCommand;
import io.firedrill.domain.incident.IncidentCommand.DeclareIncident;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.AppendEventsTransactionRejectedException;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.core.Metadata;

/**
 * The incident use cases: sends incident commands through Axon's command gateway and, when a command
 * loses a race for its incident (another command appended first), decides it again on the fresh state.
 * With an expected version the fresh state no longer matches and the command fails with
 * {@link VersionMismatch}; without one it either succeeds or fails with the rule the fresh state breaks.
 * Nothing here blocks: results are futures.
 */
public final class IncidentCommands {

    /** How often a command is decided again after losing a race before giving up with {@link ConcurrentChange}. */
    static final int MAX_ATTEMPTS = 100;

    private final CommandGateway gateway;
    private final IncidentNumbers numbers;
    private final Clock clock;

    public IncidentCommands(CommandGateway gateway, IncidentNumbers numbers, Clock clock) {
        this.gateway = gateway;
        this.numbers = numbers;
        this.clock = clock;
    }

    /**
     * Declares an incident under the next number of its tenant and year (the year of the declaration in
     * UTC); the number in {@code draft} is replaced.
     */
    public CompletableFuture<CommandOutcome> declare(DeclareIncident draft, CommandContext context) {
        Instant at = draft.occurredAt() == null ? clock.instant() : draft.occurredAt();
        int year = at.atZone(ZoneOffset.UTC).getYear();
        return numbers.next(context.tenant(), year)
                .thenCompose(number -> send(draft.withNumber(number), context));
    }

    /** Sends any other incident command. */
    public CompletableFuture<CommandOutcome> send(IncidentCommand command, CommandContext context) {
        return attempt(command, metadata(context), 1);
    }

    private CompletableFuture<CommandOutcome> attempt(IncidentCommand command, Metadata metadata, int attempt) {
        CompletableFuture<CommandOutcome> result;
        try {
            result = gateway.send(command, metadata).resultAs(CommandOutcome.class);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return result.handle((outcome, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(outcome);
            }
            Throwable cause = unwrap(failure);
            if (!(cause instanceof AppendEventsTransactionRejectedException)) {
                return CompletableFuture.<CommandOutcome>failedFuture(cause);
            }
            if (attempt >= MAX_ATTEMPTS) {
                return CompletableFuture.<CommandOutcome>failedFuture(new ConcurrentChange(attempt, cause));
            }
            // A short random pause spreads out commands that keep colliding on the same incident.
            long pauseMicros = ThreadLocalRandom.current().nextLong(100, 1_000L * Math.min(attempt, 20));
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(pauseMicros, TimeUnit.MICROSECONDS))
                    .thenCompose(ignored -> attempt(command, metadata, attempt + 1));
        }).thenCompose(future -> future);
    }

    private static Metadata metadata(CommandContext context) {
        Metadata metadata = Metadata.with(IncidentMessages.TENANT, context.tenant().value())
                .and(IncidentMessages.ACTOR, context.actor().toString())
                .and(IncidentMessages.SOURCE, context.source().name().toLowerCase(java.util.Locale.ROOT));
        if (context.expectedVersion() != null) {
            metadata = metadata.and(IncidentMessages.EXPECTED_VERSION, context.expectedVersion().toString());
        }
        if (context.idempotencyKey() != null && context.requestHash() != null) {
            metadata = metadata.and(IncidentMessages.IDEMPOTENCY_KEY, context.idempotencyKey())
                    .and(IncidentMessages.REQUEST_HASH, context.requestHash());
        }
        return metadata;
    }

    /** The exception a future failed with, without the wrappers the future machinery adds. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}

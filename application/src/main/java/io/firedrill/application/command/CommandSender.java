package io.firedrill.application.command;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.ConcurrentChange;
import io.firedrill.application.port.in.Failures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.AppendEventsTransactionRejectedException;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.core.Metadata;

/**
 * Sends commands through Axon's command gateway and, when a command loses a race for its subject (another
 * command appended first), decides it again on the fresh state. With an expected version the fresh state no
 * longer matches and the command fails with {@link VersionMismatch}; without one it either succeeds or fails
 * with the rule the fresh state breaks. Nothing here blocks: results are futures.
 */
public final class CommandSender {

    /** How often a command is decided again after losing a race before giving up with {@link ConcurrentChange}. */
    static final int MAX_ATTEMPTS = 100;

    private final CommandGateway gateway;
    private final String subject;

    /** @param subject what the commands are about, for messages ({@code incident}) */
    public CommandSender(CommandGateway gateway, String subject) {
        this.gateway = gateway;
        this.subject = subject;
    }

    /** Sends a command of a {@link SourcedModel} whose state is an {@code S}. */
    public <S> CompletableFuture<CommandOutcome<S>> send(Object command, CommandContext context) {
        return attempt(command, CommandMetadata.of(context), 1);
    }

    @SuppressWarnings("unchecked")
    private <S> CompletableFuture<CommandOutcome<S>> attempt(Object command, Metadata metadata, int attempt) {
        CompletableFuture<CommandOutcome<S>> result;
        try {
            result = gateway.send(command, metadata).resultAs(CommandOutcome.class)
                    .thenApply(outcome -> (CommandOutcome<S>) outcome);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return result.handle((outcome, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(outcome);
            }
            Throwable cause = Failures.unwrap(failure);
            if (!(cause instanceof AppendEventsTransactionRejectedException)) {
                return CompletableFuture.<CommandOutcome<S>>failedFuture(cause);
            }
            if (attempt >= MAX_ATTEMPTS) {
                return CompletableFuture.<CommandOutcome<S>>failedFuture(new ConcurrentChange(subject, attempt, cause));
            }
            // A short random pause spreads out commands that keep colliding on the same subject.
            long pauseMicros = ThreadLocalRandom.current().nextLong(100, 1_000L * Math.min(attempt, 20));
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(pauseMicros, TimeUnit.MICROSECONDS))
                    .thenCompose(ignored -> this.<S>attempt(command, metadata, attempt + 1));
        }).thenCompose(future -> future);
    }

}

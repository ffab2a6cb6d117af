package io.firedrill.adapter.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs Panache work from code that speaks {@link CompletableFuture} and may be on any thread: each unit of work gets
 * a new duplicated Vert.x context (Hibernate Reactive keeps its session there) and one transaction.
 */
@ApplicationScoped
public class PanacheWork {

    private final Vertx vertx;

    @Inject
    public PanacheWork(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Runs {@code work} in a transaction of its own; the future completes when the transaction has ended, on the
     * caller's Vert.x context when it has one (a request's code goes on where it was, with its request scope).
     */
    public <T> CompletableFuture<T> transaction(Supplier<Uni<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Context caller = Vertx.currentContext();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            try {
                Panache.withTransaction(work).subscribe().with(
                        value -> back(caller, () -> result.complete(value)),
                        failure -> back(caller, () -> result.completeExceptionally(failure)));
            } catch (RuntimeException e) {
                back(caller, () -> result.completeExceptionally(e));
            }
        });
        return result;
    }

    private static void back(Context caller, Runnable completion) {
        if (caller == null || Vertx.currentContext() == caller) {
            completion.run();
        } else {
            caller.runOnContext(ignored -> completion.run());
        }
    }
}

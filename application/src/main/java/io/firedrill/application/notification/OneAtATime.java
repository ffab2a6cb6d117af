package io.firedrill.application.notification;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Works through the items a timed run found, one at a time (a run is small); one that fails is logged and the others
 * still go, so that an item failing every time cannot stop the rest.
 */
final class OneAtATime {

    private static final System.Logger LOG = System.getLogger(OneAtATime.class.getName());

    private OneAtATime() {
    }

    /**
     * How many items {@code work} reported done.
     *
     * @param what names an item in the warning of its failure ("the cadence reminder of incident …")
     */
    static <T> CompletableFuture<Integer> each(List<T> items, Function<T, CompletableFuture<Boolean>> work,
                                               Function<T, String> what) {
        CompletableFuture<Integer> chain = CompletableFuture.completedFuture(0);
        for (T item : items) {
            chain = chain.thenCompose(count -> work.apply(item).handle((done, failure) -> {
                if (failure != null) {
                    LOG.log(System.Logger.Level.WARNING, what.apply(item) + " could not be queued now; the next run"
                            + " tries again", failure);
                    return count;
                }
                return done ? count + 1 : count;
            }));
        }
        return chain;
    }
}

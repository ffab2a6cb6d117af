package io.firedrill.application.port.in.drill;

import java.util.concurrent.CompletableFuture;

/**
 * The reminder of drill reviews: nudges every run that has been waiting for its review longer than the threshold, once
 * per run and day (a {@code drillrun.DrillRunReviewReminded} fact on its timeline), also with several instances.
 */
public interface DrillReviewReminders {

    /** Nudges what is due today; the future ends with how many runs were nudged. */
    CompletableFuture<Integer> remind();
}

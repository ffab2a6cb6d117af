package io.firedrill.application.port.in.notification;

import java.util.concurrent.CompletableFuture;

/**
 * Announces, once per window, the alerts that joined each running incident within it ({@code incident.alerts-joined});
 * run by a job on every instance, each window's notice queued once whichever instance finds it first.
 */
public interface AlertDigests {

    /** Queues the notices of the windows that have ended; how many windows were announced. */
    CompletableFuture<Integer> announceEnded();
}

package io.firedrill.application.port.in.notification;

import java.util.concurrent.CompletableFuture;

/**
 * Reminds running incidents that went a whole interval of their severity's cadence without a status update; run by a
 * job on every instance, each reminder queued once whichever instance finds it first.
 */
public interface UpdateDueReminders {

    /** Queues the reminders due now; how many incidents were reminded. */
    CompletableFuture<Integer> remindDue();
}

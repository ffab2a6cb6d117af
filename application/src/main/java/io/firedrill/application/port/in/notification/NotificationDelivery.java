package io.firedrill.application.port.in.notification;

import java.util.concurrent.CompletableFuture;

/** Sends the outbox's due messages; run by a job on every instance, which share the work through claims. */
public interface NotificationDelivery {

    /** Claims and sends a batch of due messages; how many were attempted (0 when none was due). */
    CompletableFuture<Integer> deliverDue();
}

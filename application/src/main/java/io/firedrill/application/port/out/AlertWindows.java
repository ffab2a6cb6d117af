package io.firedrill.application.port.out;

import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The windows in which alerts joined running incidents, kept by the notification feed, so that a burst of alerts is
 * announced once per window with its count rather than once per alert.
 */
public interface AlertWindows {

    /** A window of one incident in which alerts joined it. */
    record Window(TenantId tenant, IncidentId incident, Instant start) {
    }

    /** Records that alerts joined the incident in the window starting at {@code start}; once is enough. */
    CompletableFuture<Void> joined(Window window);

    /** The windows that started at or before {@code startedBy} (so have ended) and were not announced, oldest first. */
    CompletableFuture<List<Window>> ended(Instant startedBy, int limit);

    /** Records that the window was announced. */
    CompletableFuture<Void> announced(Window window);
}

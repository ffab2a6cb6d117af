package io.firedrill.application.port.out;

import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.Severity;
import io.firedrill.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * When each running incident last had a status update, kept by the notification feed, so that incidents whose
 * severity asks for a steady cadence of updates can be reminded once per interval they go without one.
 */
public interface UpdateCadence {

    /**
     * An incident's cadence as a fact left it.
     *
     * @param active whether the incident is still running (detected or mitigating, not a duplicate)
     * @param clockFrom when the incident's last status update was posted (or it was declared or reopened), when this
     *                  fact restarted the clock; {@code null} when it did not
     * @param factAt when the fact was recorded: a fact older than the one already applied changes nothing
     */
    record Tracked(TenantId tenant, IncidentId incident, Severity severity, boolean active, Instant clockFrom,
                   Instant factAt) {
    }

    /**
     * An incident due for a reminder.
     *
     * @param clockFrom when its clock started (its last status update)
     * @param interval which interval since then has passed without an update (1 for the first)
     */
    record Due(TenantId tenant, IncidentId incident, Severity severity, Instant clockFrom, long interval) {
    }

    /** Applies an incident's cadence after a fact; an incident not yet known is added (its clock from the fact). */
    CompletableFuture<Void> track(Tracked tracked);

    /**
     * The running incidents of the given severities whose latest interval without a status update has passed and has
     * not been reminded yet, at most {@code limit}, longest waiting first.
     */
    CompletableFuture<List<Due>> due(Instant now, Map<Severity, Duration> cadence, int limit);

    /**
     * Records that the reminder of {@code interval} has been queued for the clock started at {@code clockFrom}; nothing
     * when the clock has restarted meanwhile.
     */
    CompletableFuture<Void> reminded(IncidentId incident, Instant clockFrom, long interval);
}

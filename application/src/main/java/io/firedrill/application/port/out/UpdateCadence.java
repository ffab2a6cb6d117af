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
     * An incident's cadence as its facts left it.
     *
     * @param active whether the incident is still running (detected or mitigating, not a duplicate)
     * @param clockFrom when the incident's last status update was recorded (or its declaration or reopening), to the
     *                  microsecond
     * @param facts how many of the incident's facts this reflects: a cadence of fewer facts than the one kept changes
     *              nothing (a fact handled again)
     */
    record Tracked(TenantId tenant, IncidentId incident, Severity severity, boolean active, Instant clockFrom,
                   long facts) {
    }

    /**
     * An incident due for a reminder.
     *
     * @param clockFrom when its clock started (its last status update)
     * @param dueAt the latest end of an interval since then, which has not been reminded yet
     */
    record Due(TenantId tenant, IncidentId incident, Severity severity, Instant clockFrom, Instant dueAt) {
    }

    /** Keeps an incident's cadence; an incident not yet known is added. */
    CompletableFuture<Void> track(Tracked tracked);

    /**
     * The running incidents of the given severities for which an interval without a status update has ended since
     * the last reminder (or since their clock started), at most {@code limit}, longest waiting first.
     */
    CompletableFuture<List<Due>> due(Instant now, Map<Severity, Duration> cadence, int limit);

    /**
     * Records that the reminder of the interval ending at {@code dueAt} has been queued for the clock started at
     * {@code clockFrom}; nothing when the clock has restarted meanwhile.
     */
    CompletableFuture<Void> reminded(IncidentId incident, Instant clockFrom, Instant dueAt);
}

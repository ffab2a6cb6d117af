package io.firedrill.adapter.rest.incident;

import io.firedrill.domain.incident.Audience;
import io.firedrill.domain.incident.ResponderRole;
import io.firedrill.domain.incident.TimedMilestone;
import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.List;

/**
 * The bodies of the incident commands. Every command accepts {@code occurredAt}: when the fact really
 * happened, if it is recorded late (never in the future, never before detection); without it the fact
 * happened when it is recorded.
 */
public final class IncidentRequests {

    private IncidentRequests() {
    }

    /** {@code POST /api/v1/incidents}. */
    public record Declare(String title, Severity severity, List<String> services, String summary, String commander,
                          List<String> tags, Instant detectedAt, Boolean drill, Instant occurredAt) {
    }

    /** {@code /acknowledge}. */
    public record Acknowledge(Instant occurredAt) {
    }

    /** {@code /mitigate} and {@code /resolve}. */
    public record WithNote(String note, Instant occurredAt) {
    }

    /** {@code /reopen}. */
    public record Reopen(String reason, Instant occurredAt) {
    }

    /** {@code /severity}. */
    public record ChangeSeverity(Severity severity, String reason, Instant occurredAt) {
    }

    /** {@code /commander}. */
    public record HandOver(String commander, String reason, Instant occurredAt) {
    }

    /** {@code /responders}. */
    public record AddResponder(String name, ResponderRole role, Instant occurredAt) {
    }

    /** {@code DELETE /responders/{name}} (the body is optional). */
    public record RemoveResponder(Instant occurredAt) {
    }

    /** {@code /notes}. */
    public record Note(String text, Boolean key, Instant occurredAt) {
    }

    /** {@code /status-updates}. */
    public record StatusUpdate(Audience audience, String text, Instant occurredAt) {
    }

    /** {@code /duplicate-of}. */
    public record DuplicateOf(String incidentId, Instant occurredAt) {
    }

    /** {@code /corrections}: the real instant of a milestone recorded wrongly. */
    public record Correction(TimedMilestone milestone, Instant correctedTo, String reason, Instant occurredAt) {
    }
}

package io.firedrill.domain.incident;

import io.firedrill.domain.alert.Alert;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The facts on an incident's timeline; the stream of these is the timeline and the audit log.
 *
 * <p>Every fact has two instants: {@link #occurredAt()}, when it happened (responders may record it late),
 * and {@link #recordedAt()}, when Firedrill learned it. The name and version each fact is stored under are declared
 * once by the incident slice's table ({@code IncidentSlice.EVENTS}), never derived from the class, so renaming or
 * moving a record cannot rename history.
 */
public sealed interface IncidentEvent {

    /** The incident the fact belongs to. */
    IncidentId incidentId();

    /** Who caused it. */
    Actor by();

    /** When it happened. */
    Instant occurredAt();

    /** When Firedrill learned it. */
    Instant recordedAt();

    /**
     * An incident was declared, with what was known about it then; {@code occurredAt} is the declaration
     * instant, {@code detectedAt} when the problem was detected (never later than the declaration).
     */
    record IncidentDeclared(
            IncidentId incidentId,
            Actor by,
            IncidentNumber number,
            String title,
            String summary,
            Severity severity,
            List<String> services,
            String commander,
            Set<String> tags,
            Instant detectedAt,
            boolean drill,
            Instant occurredAt,
            Instant recordedAt) implements IncidentEvent {

        public IncidentDeclared {
            common(incidentId, by, occurredAt, recordedAt);
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(commander, "commander");
            Objects.requireNonNull(detectedAt, "detectedAt");
            services = services == null ? List.of() : List.copyOf(services);
            tags = tags == null ? Set.of() : Incident.orderedSet(tags);
        }
    }

    /** A responder acknowledged the incident. */
    record IncidentAcknowledged(IncidentId incidentId, Actor by, Instant occurredAt, Instant recordedAt)
            implements IncidentEvent {

        public IncidentAcknowledged {
            common(incidentId, by, occurredAt, recordedAt);
        }
    }

    /** Responders started mitigating the incident. */
    record MitigationStarted(IncidentId incidentId, Actor by, String note, Instant occurredAt, Instant recordedAt)
            implements IncidentEvent {

        public MitigationStarted {
            common(incidentId, by, occurredAt, recordedAt);
        }
    }

    /** Customer impact ended: the incident was resolved. */
    record IncidentResolved(IncidentId incidentId, Actor by, String note, Instant occurredAt, Instant recordedAt)
            implements IncidentEvent {

        public IncidentResolved {
            common(incidentId, by, occurredAt, recordedAt);
        }
    }

    /** A resolved incident's problem came back (a regression), so mitigation restarted. */
    record IncidentReopened(IncidentId incidentId, Actor by, String reason, Instant occurredAt, Instant recordedAt)
            implements IncidentEvent {

        public IncidentReopened {
            common(incidentId, by, occurredAt, recordedAt);
        }
    }

    /** The incident was judged more severe. */
    record SeverityEscalated(
            IncidentId incidentId,
            Actor by,
            Severity from,
            Severity to,
            String reason,
            Instant occurredAt,
            Instant recordedAt) implements IncidentEvent {

        public SeverityEscalated {
            common(incidentId, by, occurredAt, recordedAt);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** The incident was judged less severe. */
    record SeverityDowngraded(
            IncidentId incidentId,
            Actor by,
            Severity from,
            Severity to,
            String reason,
            Instant occurredAt,
            Instant recordedAt) implements IncidentEvent {

        public SeverityDowngraded {
            common(incidentId, by, occurredAt, recordedAt);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** Command passed from one person to another; the previous commander stays on as a responder. */
    record CommanderHandedOver(
            IncidentId incidentId,
            Actor by,
            String from,
            String to,
            String reason,
            Instant occurredAt,
            Instant recordedAt) implements IncidentEvent {

        public CommanderHandedOver {
            common(incidentId, by, occurredAt, recordedAt);
            Objects.requireNonNull(to, "to");
        }
    }

    /** A person joined the response in a role (or changed role). */
    record ResponderAdded(
            IncidentId incidentId,
            Actor by,
            String name,
            ResponderRole role,
            Instant occurredAt,
            Instant recordedAt) implements IncidentEvent {

        public ResponderAdded {
            common(incidentId, by, occurredAt, recordedAt);
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
        }
    }

    /** A person left the response. */
    record ResponderRemoved(IncidentId incidentId, Actor by, String name, Instant occurredAt, Instant recordedAt)
            implements IncidentEvent {

        public ResponderRemoved {
            common(incidentId, by, occurredAt, recordedAt);
            Objects.requireNonNull(name, "name");
        }
    }

    /** Someone wrote a note on the timeline; {@code key} marks a key moment. */
    record NoteAdded(
            IncidentId incidentId,
            Actor by,
            String text,
            boolean key,
            Instant occurredAt,
            Instant recordedAt) implements IncidentEvent {

        public NoteAdded {
            common(incidentId, by, occurredAt, recordedAt);
        }
    }

    /** A status update was posted to an audience. */
    record StatusUpdatePosted(
            IncidentId incidentId,
            Actor by,
            Audience audience,
            String text,
            Instant occurredAt,
            Instant recordedAt) implements IncidentEvent {

        public StatusUpdatePosted {
            common(incidentId, by, occurredAt, recordedAt);
            Objects.requireNonNull(audience, "audience");
        }
    }

    /** The incident was closed as a duplicate of {@code original}. */
    record IncidentClosedAsDuplicate(
            IncidentId incidentId,
            Actor by,
            IncidentId original,
            Instant occurredAt,
            Instant recordedAt) implements IncidentEvent {

        public IncidentClosedAsDuplicate {
            common(incidentId, by, occurredAt, recordedAt);
            Objects.requireNonNull(original, "original");
        }
    }

    /**
     * A milestone's instant was found to be wrong and was corrected from {@code previous} (null if unknown)
     * to {@code correctedTo}; {@code occurredAt} is when the correction was made.
     */
    record MilestoneTimeCorrected(
            IncidentId incidentId,
            Actor by,
            TimedMilestone milestone,
            Instant previous,
            Instant correctedTo,
            String reason,
            Instant occurredAt,
            Instant recordedAt) implements IncidentEvent {

        public MilestoneTimeCorrected {
            common(incidentId, by, occurredAt, recordedAt);
            Objects.requireNonNull(milestone, "milestone");
            Objects.requireNonNull(correctedTo, "correctedTo");
        }
    }

    /** The incident was reviewed: its postmortem {@code postmortemId} was published. */
    record IncidentReviewed(
            IncidentId incidentId,
            Actor by,
            String postmortemId,
            Instant occurredAt,
            Instant recordedAt) implements IncidentEvent {

        public IncidentReviewed {
            common(incidentId, by, occurredAt, recordedAt);
        }
    }

    /**
     * A monitoring alert was joined to the incident: it opened the incident, joined it by its grouping key,
     * or (a resolution) matched an alert the incident already holds. {@code occurredAt} is when Firedrill
     * received it; the alert carries its own start and end.
     *
     * @param groupingRule the integration's grouping template that gave the key
     * @param groupingKey the key
     */
    record AlertReceived(
            IncidentId incidentId,
            Actor by,
            String integrationId,
            Alert alert,
            String groupingRule,
            String groupingKey,
            GroupingDecision decision,
            Instant occurredAt,
            Instant recordedAt) implements IncidentEvent {

        public AlertReceived {
            common(incidentId, by, occurredAt, recordedAt);
            Objects.requireNonNull(integrationId, "integrationId");
            Objects.requireNonNull(alert, "alert");
            Objects.requireNonNull(groupingRule, "groupingRule");
            Objects.requireNonNull(groupingKey, "groupingKey");
            Objects.requireNonNull(decision, "decision");
        }
    }

    private static void common(IncidentId incidentId, Actor by, Instant occurredAt, Instant recordedAt) {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}

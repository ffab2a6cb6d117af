package io.firedrill.domain.incident;

import static io.firedrill.domain.incident.Require.NAME_MAX;
import static io.firedrill.domain.incident.Require.REASON_MAX;
import static io.firedrill.domain.incident.Require.TEXT_MAX;
import static io.firedrill.domain.incident.Require.TITLE_MAX;

import io.firedrill.domain.alert.Alert;
import io.firedrill.domain.alert.AutoResolvePolicy;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What someone asks of an incident. Commands validate their own fields in their constructors and throw
 * {@link IllegalArgumentException} with a message that starts with the field name ({@code "title must not
 * be blank"}); whether the request is allowed in the incident's current state is decided by
 * {@link IncidentDecider#decide}.
 *
 * <p>Limits: title 1-200 characters; texts (summary, notes, status updates) at most 10,000; reasons 1-2,000
 * (optional ones at most 2,000); names (services, commander, responders, postmortem id) at most 200;
 * tags at most 100 characters and 50 tags. An optional text that is blank counts as absent ({@code null}).
 */
public sealed interface IncidentCommand {

    /** The incident the command is about. */
    IncidentId incidentId();

    /** Who asks. */
    Actor by();

    /** When it happened, if it is being recorded late; {@code null} means "when it is recorded". */
    Instant occurredAt();

    /**
     * Declares a new incident.
     *
     * @param summary optional
     * @param services the affected services: at least one, at most 50, non-blank, distinct
     * @param commander optional; {@code null} makes the declaring actor's name the commander
     * @param tags optional, {@code null} is the empty set
     * @param detectedAt optional; {@code null} means the declaration's occurred-at instant
     * @param drill whether this incident is part of a drill
     */
    record DeclareIncident(
            IncidentId incidentId,
            IncidentNumber number,
            String title,
            String summary,
            Severity severity,
            List<String> services,
            String commander,
            Set<String> tags,
            Instant detectedAt,
            boolean drill,
            Actor by,
            Instant occurredAt) implements IncidentCommand {

        public DeclareIncident {
            Require.notNull(incidentId, "incidentId");
            Require.notNull(number, "number");
            title = Require.text(title, "title", TITLE_MAX);
            summary = Require.optionalText(summary, "summary", TEXT_MAX);
            Require.notNull(severity, "severity");
            services = Require.services(services);
            commander = Require.optionalText(commander, "commander", NAME_MAX);
            tags = Require.tags(tags);
            Require.notNull(by, "by");
        }

        /** The same declaration under another number (the number is allocated after the fields are checked). */
        public DeclareIncident withNumber(IncidentNumber allocated) {
            return new DeclareIncident(incidentId, allocated, title, summary, severity, services, commander, tags,
                    detectedAt, drill, by, occurredAt);
        }
    }

    /** Acknowledges the incident: a responder is on it. */
    record AcknowledgeIncident(IncidentId incidentId, Actor by, Instant occurredAt) implements IncidentCommand {

        public AcknowledgeIncident {
            Require.notNull(incidentId, "incidentId");
            Require.notNull(by, "by");
        }
    }

    /**
     * Starts mitigation; acknowledges the incident too if nobody has.
     *
     * @param note optional
     */
    record StartMitigation(IncidentId incidentId, Actor by, String note, Instant occurredAt)
            implements IncidentCommand {

        public StartMitigation {
            Require.notNull(incidentId, "incidentId");
            Require.notNull(by, "by");
            note = Require.optionalText(note, "note", TEXT_MAX);
        }
    }

    /**
     * Resolves the incident: customer impact is over.
     *
     * @param note optional
     */
    record ResolveIncident(IncidentId incidentId, Actor by, String note, Instant occurredAt)
            implements IncidentCommand {

        public ResolveIncident {
            Require.notNull(incidentId, "incidentId");
            Require.notNull(by, "by");
            note = Require.optionalText(note, "note", TEXT_MAX);
        }
    }

    /**
     * Reopens a recovered incident because the problem came back (a regression).
     *
     * @param reason required
     */
    record ReopenIncident(IncidentId incidentId, Actor by, String reason, Instant occurredAt)
            implements IncidentCommand {

        public ReopenIncident {
            Require.notNull(incidentId, "incidentId");
            Require.notNull(by, "by");
            reason = Require.text(reason, "reason", REASON_MAX);
        }
    }

    /**
     * Changes the severity up or down.
     *
     * @param reason required
     */
    record ChangeSeverity(IncidentId incidentId, Actor by, Severity severity, String reason, Instant occurredAt)
            implements IncidentCommand {

        public ChangeSeverity {
            Require.notNull(incidentId, "incidentId");
            Require.notNull(by, "by");
            Require.notNull(severity, "severity");
            reason = Require.text(reason, "reason", REASON_MAX);
        }
    }

    /**
     * Hands command over to another person.
     *
     * @param commander the new commander's name
     * @param reason optional
     */
    record HandOverCommand(IncidentId incidentId, Actor by, String commander, String reason, Instant occurredAt)
            implements IncidentCommand {

        public HandOverCommand {
            Require.notNull(incidentId, "incidentId");
            Require.notNull(by, "by");
            commander = Require.text(commander, "commander", NAME_MAX);
            reason = Require.optionalText(reason, "reason", REASON_MAX);
        }
    }

    /**
     * Adds a responder, or changes the role of one already there. The commander role is not given this
     * way: use {@link HandOverCommand}.
     */
    record AddResponder(IncidentId incidentId, Actor by, String name, ResponderRole role, Instant occurredAt)
            implements IncidentCommand {

        public AddResponder {
            Require.notNull(incidentId, "incidentId");
            Require.notNull(by, "by");
            name = Require.text(name, "name", NAME_MAX);
            Require.notNull(role, "role");
        }
    }

    /** Removes a responder other than the commander. */
    record RemoveResponder(IncidentId incidentId, Actor by, String name, Instant occurredAt)
            implements IncidentCommand {

        public RemoveResponder {
            Require.notNull(incidentId, "incidentId");
            Require.notNull(by, "by");
            name = Require.text(name, "name", NAME_MAX);
        }
    }

    /**
     * Adds a note to the timeline.
     *
     * @param key whether it is a key moment worth showing in the postmortem
     */
    record AddNote(IncidentId incidentId, Actor by, String text, boolean key, Instant occurredAt)
            implements IncidentCommand {

        public AddNote {
            Require.notNull(incidentId, "incidentId");
            Require.notNull(by, "by");
            text = Require.text(text, "text", TEXT_MAX);
        }
    }

    /** Posts a status update for an audience. */
    record PostStatusUpdate(IncidentId incidentId, Actor by, Audience audience, String text, Instant occurredAt)
            implements IncidentCommand {

        public PostStatusUpdate {
            Require.notNull(incidentId, "incidentId");
            Require.notNull(by, "by");
            Require.notNull(audience, "audience");
            text = Require.text(text, "text", TEXT_MAX);
        }
    }

    /**
     * Closes the incident as a duplicate of another one.
     *
     * @param original the incident this one duplicates; not this incident itself
     */
    record CloseAsDuplicate(IncidentId incidentId, Actor by, IncidentId original, Instant occurredAt)
            implements IncidentCommand {

        public CloseAsDuplicate {
            Require.notNull(incidentId, "incidentId");
            Require.notNull(by, "by");
            Require.notNull(original, "original");
        }
    }

    /**
     * Corrects the instant of a milestone that was recorded wrongly (for example the real detection time
     * found during the review).
     *
     * @param correctedTo the right instant
     * @param reason required
     */
    record CorrectMilestoneTime(
            IncidentId incidentId,
            Actor by,
            TimedMilestone milestone,
            Instant correctedTo,
            String reason,
            Instant occurredAt) implements IncidentCommand {

        public CorrectMilestoneTime {
            Require.notNull(incidentId, "incidentId");
            Require.notNull(by, "by");
            Require.notNull(milestone, "milestone");
            Require.notNull(correctedTo, "correctedTo");
            reason = Require.text(reason, "reason", REASON_MAX);
        }
    }

    /**
     * Marks a recovered incident reviewed because its postmortem was published. The domain accepts it
     * from RECOVERED; checking that the postmortem is published is the application layer's job, which
     * refuses with {@link IncidentRuleViolation.Rule#REVIEW_REQUIRES_PUBLISHED_POSTMORTEM} otherwise.
     */
    record MarkReviewed(IncidentId incidentId, Actor by, String postmortemId, Instant occurredAt)
            implements IncidentCommand {

        public MarkReviewed {
            Require.notNull(incidentId, "incidentId");
            Require.notNull(by, "by");
            postmortemId = Require.text(postmortemId, "postmortemId", NAME_MAX);
        }
    }

    /**
     * Records monitoring alerts on the incident, as an integration grouped them. New firing alerts need an
     * open incident (DETECTED or MITIGATING); resolutions of alerts the incident holds are recorded on a
     * recovered incident too; a closed incident (reviewed, duplicate) takes no alerts. Alerts the incident
     * already knows in the same state are repeats and change nothing.
     *
     * @param integrationId the integration that received the alerts
     * @param groupingRule the integration's grouping template
     * @param groupingKey the key the alerts share
     * @param decision why these alerts belong to this incident
     * @param alerts 1 to 1,000 alerts
     * @param autoResolve what to do once every alert of the incident has resolved
     * @param occurredAt when the alerts were received
     */
    record RecordAlerts(
            IncidentId incidentId,
            Actor by,
            String integrationId,
            String groupingRule,
            String groupingKey,
            GroupingDecision decision,
            List<Alert> alerts,
            AutoResolvePolicy autoResolve,
            Instant occurredAt) implements IncidentCommand {

        /** The most alerts one command records. */
        public static final int ALERTS_MAX = 1_000;

        public RecordAlerts {
            Require.notNull(incidentId, "incidentId");
            Require.notNull(by, "by");
            Require.notNull(integrationId, "integrationId");
            Require.notNull(groupingRule, "groupingRule");
            Require.notNull(groupingKey, "groupingKey");
            Require.notNull(decision, "decision");
            Require.notNull(alerts, "alerts");
            Require.notNull(autoResolve, "autoResolve");
            if (alerts.isEmpty() || alerts.size() > ALERTS_MAX) {
                throw new IllegalArgumentException("alerts must hold 1 to " + ALERTS_MAX + " alerts");
            }
            alerts = List.copyOf(alerts);
        }
    }
}

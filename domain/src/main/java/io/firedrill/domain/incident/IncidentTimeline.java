package io.firedrill.domain.incident;

import io.firedrill.domain.incident.IncidentEvent.AlertReceived;
import io.firedrill.domain.incident.IncidentEvent.CommanderHandedOver;
import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentClosedAsDuplicate;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentReopened;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.IncidentReviewed;
import io.firedrill.domain.incident.IncidentEvent.MilestoneTimeCorrected;
import io.firedrill.domain.incident.IncidentEvent.MitigationStarted;
import io.firedrill.domain.incident.IncidentEvent.NoteAdded;
import io.firedrill.domain.incident.IncidentEvent.ResponderAdded;
import io.firedrill.domain.incident.IncidentEvent.ResponderRemoved;
import io.firedrill.domain.incident.IncidentEvent.SeverityDowngraded;
import io.firedrill.domain.incident.IncidentEvent.SeverityEscalated;
import io.firedrill.domain.incident.IncidentEvent.StatusUpdatePosted;
import java.util.Locale;

/** How a fact reads on the timeline: one human sentence per event, written from the event alone. */
public final class IncidentTimeline {

    private IncidentTimeline() {
    }

    /** One sentence naming who did what, for example {@code "alice acknowledged the incident"}. */
    public static String summary(IncidentEvent event) {
        String who = event.by().name();
        return switch (event) {
            case IncidentDeclared e -> who + " declared " + e.number() + " (" + e.severity() + "): " + e.title();
            case IncidentAcknowledged e -> who + " acknowledged the incident";
            case MitigationStarted e -> who + " started mitigation" + suffix(e.note());
            case IncidentResolved e -> who + " resolved the incident" + suffix(e.note());
            case IncidentReopened e -> who + " reopened the incident (regression): " + e.reason();
            case SeverityEscalated e -> who + " escalated severity " + e.from() + " → " + e.to() + reason(e.reason());
            case SeverityDowngraded e -> who + " downgraded severity " + e.from() + " → " + e.to() + reason(e.reason());
            case CommanderHandedOver e -> who + " handed command "
                    + (e.from() == null ? "" : "from " + e.from() + " ") + "to " + e.to() + reason(e.reason());
            case ResponderAdded e -> who + " added " + e.name() + " as " + lower(e.role().name());
            case ResponderRemoved e -> who + " removed responder " + e.name();
            case NoteAdded e -> who + (e.key() ? " noted (key): " : " noted: ") + e.text();
            case StatusUpdatePosted e -> who + " posted an " + lower(e.audience().name()) + " status update: " + e.text();
            case IncidentClosedAsDuplicate e -> who + " closed the incident as a duplicate of " + e.original();
            case MilestoneTimeCorrected e -> who + " corrected " + lower(e.milestone().name()) + " time from "
                    + e.previous() + " to " + e.correctedTo() + reason(e.reason());
            case IncidentReviewed e -> who + " published postmortem " + e.postmortemId() + "; incident reviewed";
            case AlertReceived e -> who + " received alert " + e.alert().name() + " "
                    + lower(e.alert().status().name()) + " (" + e.alert().severity() + ", "
                    + e.alert().severityReason() + ", fingerprint " + e.alert().fingerprint() + "); "
                    + grouping(e);
        };
    }

    private static String grouping(AlertReceived e) {
        String key = "key '" + e.groupingKey() + "' by rule " + e.groupingRule();
        return switch (e.decision()) {
            case OPENED_INCIDENT -> "it opened this incident: no open incident had " + key;
            case JOINED_BY_KEY -> "it joined this open incident with " + key;
            case MATCHED_BY_FINGERPRINT -> "it resolves a firing alert of this incident (same fingerprint)";
        };
    }

    private static String suffix(String note) {
        return note == null ? "" : ": " + note;
    }

    private static String reason(String reason) {
        return reason == null ? "" : " (" + reason + ")";
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}

package io.firedrill.domain.postmortem;

import io.firedrill.domain.alert.Alert;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentDecider;
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
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.TimedMilestone;
import io.firedrill.domain.shared.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The part of a postmortem derived from the incident's events, never written by people: the basic
 * information, this incident's response times and the timeline of key facts. {@link #from} computes it;
 * refreshing it after late events never touches the {@link Sections}.
 *
 * @param number the incident number, for example {@code INC-2026-0042}
 * @param severity the incident's severity now (after escalations and downgrades)
 * @param services the affected services, in declaration order
 * @param commander the incident commander now
 * @param participants every distinct actor of the incident's events (people and integrations, by name), and
 *     everyone named as commander or responder, sorted
 * @param startedAt when the problem was detected (corrections applied)
 * @param endedAt when it was resolved (corrections applied); {@code null} while reopened
 * @param timeToAcknowledge from detection to acknowledgement; {@code null} when not acknowledged
 * @param timeToMitigate from detection to the start of mitigation; {@code null} when not reached
 * @param timeToResolve from detection to resolution; {@code null} when not resolved
 * @param timeline the key facts ordered by {@link TimelineRow#at()} (then by their order in the log)
 */
public record Prefill(
        String number,
        String title,
        Severity severity,
        List<String> services,
        String commander,
        List<String> participants,
        Instant startedAt,
        Instant endedAt,
        Duration timeToAcknowledge,
        Duration timeToMitigate,
        Duration timeToResolve,
        List<TimelineRow> timeline) {

    public Prefill {
        services = services == null ? List.of() : List.copyOf(services);
        participants = participants == null ? List.of() : List.copyOf(participants);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /**
     * Derives the pre-filled part from an incident's stored events, in the order they were stored.
     *
     * <p>Key facts, one row each: the declaration (and the detection when it was earlier or was corrected),
     * the first and the last alert received, the acknowledgement, severity changes, commander hand-overs,
     * status updates, the start of mitigation, resolutions, reopens and notes flagged as key. A corrected
     * milestone's row shows the corrected instant and cites the original fact and every correction.
     *
     * @throws IllegalArgumentException when the log does not start with the incident's declaration
     */
    public static Prefill from(List<SourcedFact> incidentLog) {
        Objects.requireNonNull(incidentLog, "incidentLog");
        if (incidentLog.isEmpty() || !(incidentLog.getFirst().fact() instanceof IncidentDeclared)) {
            throw new IllegalArgumentException("incidentLog must start with the incident's declaration");
        }
        Incident incident = IncidentDecider.fold(incidentLog.stream().map(SourcedFact::fact).toList());
        Set<String> participants = new TreeSet<>();
        List<Row> rows = new ArrayList<>();
        Map<TimedMilestone, Row> established = new EnumMap<>(TimedMilestone.class);
        Row detected = null;
        Instant declaredAt = null;
        int firstAlert = -1;
        int lastAlert = -1;
        for (int seq = 0; seq < incidentLog.size(); seq++) {
            String id = incidentLog.get(seq).eventId();
            IncidentEvent fact = incidentLog.get(seq).fact();
            participants.add(fact.by().name());
            String who = fact.by().name();
            Instant at = fact.occurredAt();
            switch (fact) {
                case IncidentDeclared e -> {
                    participants.add(e.commander());
                    declaredAt = at;
                    rows.add(new Row(seq, at, "declared", who, "Declared " + e.number() + " (" + e.severity() + "): "
                            + e.title() + services(e.services()), id));
                    detected = new Row(seq, e.detectedAt(), "detected", who, "Problem detected", id);
                    established.put(TimedMilestone.DETECTED, detected);
                }
                case IncidentAcknowledged e -> {
                    Row row = new Row(seq, at, "acknowledged", who, "Acknowledged", id);
                    rows.add(row);
                    established.merge(TimedMilestone.ACKNOWLEDGED, row, Prefill::earlier);
                }
                case MitigationStarted e -> {
                    Row row = new Row(seq, at, "mitigation", who, "Mitigation started" + colon(e.note()), id);
                    rows.add(row);
                    established.merge(TimedMilestone.MITIGATED, row, Prefill::earlier);
                }
                case IncidentResolved e -> {
                    Row row = new Row(seq, at, "resolved", who, "Resolved" + colon(e.note()), id);
                    rows.add(row);
                    established.put(TimedMilestone.RESOLVED, row);
                }
                case IncidentReopened e -> {
                    rows.add(new Row(seq, at, "reopened", who, "Reopened (regression)" + colon(e.reason()), id));
                    established.remove(TimedMilestone.RESOLVED);
                }
                case SeverityEscalated e -> rows.add(new Row(seq, at, "severity", who,
                        "Severity escalated " + e.from() + " → " + e.to() + reason(e.reason()), id));
                case SeverityDowngraded e -> rows.add(new Row(seq, at, "severity", who,
                        "Severity downgraded " + e.from() + " → " + e.to() + reason(e.reason()), id));
                case CommanderHandedOver e -> {
                    if (e.from() != null) {
                        participants.add(e.from());
                    }
                    participants.add(e.to());
                    rows.add(new Row(seq, at, "commander", who, "Command handed over "
                            + (e.from() == null ? "" : "from " + e.from() + " ") + "to " + e.to() + reason(e.reason()), id));
                }
                case ResponderAdded e -> participants.add(e.name());
                case NoteAdded e -> {
                    if (e.key()) {
                        rows.add(new Row(seq, at, "key-note", who, e.text(), id));
                    }
                }
                case StatusUpdatePosted e -> rows.add(new Row(seq, at, "status-update", who,
                        capitalized(e.audience().name()) + " status update: " + e.text(), id));
                case MilestoneTimeCorrected e -> {
                    Row row = established.get(e.milestone());
                    if (row != null) {
                        row.at = e.correctedTo();
                        row.eventIds.add(id);
                    }
                }
                case AlertReceived e -> {
                    firstAlert = firstAlert < 0 ? seq : firstAlert;
                    lastAlert = seq;
                }
                case ResponderRemoved e -> {
                    // Not a key fact.
                }
                case IncidentClosedAsDuplicate e -> {
                    // Not a key fact of a postmortem.
                }
                case IncidentReviewed e -> {
                    // The consequence of publishing the postmortem, not part of its story.
                }
            }
        }
        if (detected != null && (!detected.at.equals(declaredAt) || detected.eventIds.size() > 1)) {
            rows.add(detected);
        }
        if (firstAlert >= 0) {
            rows.add(alertRow(incidentLog, firstAlert, firstAlert == lastAlert ? "Alert" : "First alert"));
        }
        if (lastAlert > firstAlert) {
            rows.add(alertRow(incidentLog, lastAlert, "Last alert"));
        }
        List<TimelineRow> timeline = rows.stream()
                .sorted(Comparator.comparing((Row r) -> r.at).thenComparingInt(r -> r.seq))
                .map(r -> new TimelineRow(r.at, r.kind, r.actor, r.text, r.eventIds))
                .toList();
        Instant start = incident.detectedAt();
        return new Prefill(incident.number().value(), incident.title(), incident.severity(), incident.services(),
                incident.commander(), List.copyOf(participants), start, incident.resolvedAt(),
                since(start, incident.acknowledgedAt()), since(start, incident.mitigatedAt()),
                since(start, incident.resolvedAt()), timeline);
    }

    private static final class Row {
        final int seq;
        Instant at;
        final String kind;
        final String actor;
        final String text;
        final List<String> eventIds = new ArrayList<>();

        Row(int seq, Instant at, String kind, String actor, String text, String eventId) {
            this.seq = seq;
            this.at = at;
            this.kind = kind;
            this.actor = actor;
            this.text = text;
            eventIds.add(eventId);
        }
    }

    private static Row earlier(Row current, Row candidate) {
        return candidate.at.isBefore(current.at) ? candidate : current;
    }

    private static Row alertRow(List<SourcedFact> log, int seq, String label) {
        AlertReceived received = (AlertReceived) log.get(seq).fact();
        Alert alert = received.alert();
        String text = label + ": " + alert.name() + " " + alert.status().name().toLowerCase(Locale.ROOT) + " ("
                + alert.severity() + ")" + colon(alert.summary());
        return new Row(seq, received.occurredAt(), "alert", received.by().name(), text, log.get(seq).eventId());
    }

    private static Duration since(Instant start, Instant end) {
        return start == null || end == null ? null : Duration.between(start, end);
    }

    private static String services(List<String> services) {
        return services.isEmpty() ? "" : "; services " + String.join(", ", services);
    }

    private static String colon(String text) {
        return text == null || text.isBlank() ? "" : ": " + text;
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? "" : " (" + reason + ")";
    }

    private static String capitalized(String name) {
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }
}

package io.firedrill.domain.notification;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a notification says, before a template words it: the data every template sees. An incident notice carries the
 * incident; a postmortem, action-item or drill notice carries its subject (and the incident it follows, when there is
 * one). Templates name these fields: {@code {incident.title}}, {@code {subject.owner}}, {@code {text}}…
 *
 * @param type what happened
 * @param occurredAt when it happened
 * @param actor who did it ({@code firedrill} for reminders)
 * @param drill whether it is drill traffic (a drill run, or an incident declared as part of a drill)
 * @param text the words that came with the fact: a status update, a note, a reason; empty when none
 * @param count how many things the notice sums up (the alerts that joined within a window); 1 otherwise
 * @param link where to open the subject in Firedrill; empty when no public URL is configured
 */
public record Notice(NoticeType type, Instant occurredAt, String actor, boolean drill, Incident incident,
                     Subject subject, String text, int count, String link) {

    public Notice {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        text = text == null ? "" : text;
        link = link == null ? "" : link;
        if (type.aboutIncident() && incident == null) {
            throw new IllegalArgumentException("incident must be given for " + type.wireName());
        }
    }

    /**
     * The incident a notice is about or follows.
     *
     * @param ref its number as people say it ({@code INC-2026-0042})
     * @param previousSeverity the severity before a change, or empty
     * @param status {@code DETECTED}, {@code MITIGATING}, {@code RECOVERED}, {@code REVIEWED} or {@code DUPLICATE}
     * @param commander the incident commander, or empty
     * @param communications the responders in the communications role, comma-separated; empty when none
     * @param detectedAt when the problem was detected
     */
    public record Incident(String id, String ref, String title, String summary, String severity,
                           String previousSeverity, String status, List<String> services, String commander,
                           String communications, Instant detectedAt) {

        public Incident {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(severity, "severity");
            summary = summary == null ? "" : summary;
            previousSeverity = previousSeverity == null ? "" : previousSeverity;
            status = status == null ? "" : status;
            services = services == null ? List.of() : List.copyOf(services);
            commander = commander == null ? "" : commander;
            communications = communications == null ? "" : communications;
            Objects.requireNonNull(detectedAt, "detectedAt");
        }

        /** The services, comma-separated. */
        public String serviceList() {
            return String.join(", ", services);
        }
    }

    /**
     * A postmortem, action item or drill run.
     *
     * @param kind {@code postmortem}, {@code action-item} or {@code drill-run}
     * @param outcome a drill run's verdict ({@code PASSED}, {@code FAILED}…) or an action item's status; empty when none
     */
    public record Subject(String kind, String id, String title, String owner, String due, String outcome) {

        public Subject {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            owner = owner == null ? "" : owner;
            due = due == null ? "" : due;
            outcome = outcome == null ? "" : outcome;
        }
    }
}

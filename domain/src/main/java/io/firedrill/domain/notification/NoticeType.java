package io.firedrill.domain.notification;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a notification is about: the facts (and reminders) that routes choose and templates render. Status updates are
 * two types, one per audience, so that a route chooses internal updates, external notices or both.
 */
public enum NoticeType {
    INCIDENT_DECLARED("incident.declared"),
    SEVERITY_CHANGED("incident.severity-changed"),
    INCIDENT_ACKNOWLEDGED("incident.acknowledged"),
    MITIGATION_STARTED("incident.mitigating"),
    INCIDENT_RESOLVED("incident.resolved"),
    INCIDENT_REOPENED("incident.reopened"),
    STATUS_UPDATE_INTERNAL("incident.status-update.internal"),
    STATUS_UPDATE_EXTERNAL("incident.status-update.external"),
    ALERTS_JOINED("incident.alerts-joined"),
    UPDATE_DUE("incident.update-due"),
    POSTMORTEM_PUBLISHED("postmortem.published"),
    ACTION_ITEM_OVERDUE("action-item.overdue"),
    DRILL_RUN_FINISHED("drill-run.finished"),
    DRILL_RUN_AWAITING_REVIEW("drill-run.awaiting-review");

    private final String wireName;

    NoticeType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the API, the templates' names and signed webhooks' {@code type}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<NoticeType> ofWireName(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wanted)).findFirst();
    }

    /** Parses a wire name; anything else is refused naming {@code field}. */
    public static NoticeType parse(String name, String field) {
        return ofWireName(name).orElseThrow(() -> new IllegalArgumentException(field + " must be one of "
                + String.join(", ", Arrays.stream(values()).map(NoticeType::wireName).toList())));
    }

    /** Whether the notice is about an incident (and so carries its severity and services). */
    public boolean aboutIncident() {
        return wireName.startsWith("incident.");
    }
}

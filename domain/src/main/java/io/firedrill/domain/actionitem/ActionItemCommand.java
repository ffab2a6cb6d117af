package io.firedrill.domain.actionitem;

import io.firedrill.domain.drill.DrillRunId;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.Actor;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What someone (or the scheduler) asks of an action item. Commands check their own fields and throw
 * {@link IllegalArgumentException} with a message that starts with the field's name; whether the status
 * allows them is {@link ActionItemDecider#decide}'s business. Limits: title 1–200 characters, description
 * up to 10,000, owner 1–200, reasons 1–2,000.
 */
public sealed interface ActionItemCommand {

    ActionItemId actionItemId();

    Actor by();

    /** Creates an action item, optionally linked to the incident and the postmortem it comes from. */
    record CreateActionItem(ActionItemId actionItemId, Actor by, String title, String description, String owner,
                            LocalDate dueDate, Priority priority, ActionKind kind, IncidentId incidentId,
                            String postmortemId, DrillRunId drillRunId) implements ActionItemCommand {

        /** An item not found by a drill review. */
        public CreateActionItem(ActionItemId actionItemId, Actor by, String title, String description, String owner,
                                LocalDate dueDate, Priority priority, ActionKind kind, IncidentId incidentId,
                                String postmortemId) {
            this(actionItemId, by, title, description, owner, dueDate, priority, kind, incidentId, postmortemId, null);
        }

        public CreateActionItem {
            common(actionItemId, by);
            title = text(title, "title", 200);
            description = optional(description, "description", 10_000);
            owner = text(owner, "owner", 200);
            if (dueDate == null) {
                throw new IllegalArgumentException("dueDate must be a date such as 2026-12-31");
            }
            if (priority == null) {
                throw new IllegalArgumentException("priority must be one of CRITICAL, HIGH, MEDIUM, LOW");
            }
            if (kind == null) {
                throw new IllegalArgumentException("kind must be CORRECTIVE or PREVENTIVE");
            }
            postmortemId = optional(postmortemId, "postmortemId", 200);
        }
    }

    record StartActionItem(ActionItemId actionItemId, Actor by) implements ActionItemCommand {
        public StartActionItem {
            common(actionItemId, by);
        }
    }

    record CompleteActionItem(ActionItemId actionItemId, Actor by) implements ActionItemCommand {
        public CompleteActionItem {
            common(actionItemId, by);
        }
    }

    record BlockActionItem(ActionItemId actionItemId, Actor by, String reason) implements ActionItemCommand {
        public BlockActionItem {
            common(actionItemId, by);
            reason = text(reason, "reason", 2_000);
        }
    }

    record CancelActionItem(ActionItemId actionItemId, Actor by, String reason) implements ActionItemCommand {
        public CancelActionItem {
            common(actionItemId, by);
            reason = text(reason, "reason", 2_000);
        }
    }

    /** Opens a completed or cancelled item again; the reason is optional. */
    record ReopenActionItem(ActionItemId actionItemId, Actor by, String reason) implements ActionItemCommand {
        public ReopenActionItem {
            common(actionItemId, by);
            reason = optional(reason, "reason", 2_000);
        }
    }

    record ReassignActionItem(ActionItemId actionItemId, Actor by, String owner) implements ActionItemCommand {
        public ReassignActionItem {
            common(actionItemId, by);
            owner = text(owner, "owner", 200);
        }
    }

    record RescheduleActionItem(ActionItemId actionItemId, Actor by, LocalDate dueDate) implements ActionItemCommand {
        public RescheduleActionItem {
            common(actionItemId, by);
            if (dueDate == null) {
                throw new IllegalArgumentException("dueDate must be a date such as 2026-12-31");
            }
        }
    }

    /**
     * Changes the owner, the due date or both at once ({@code null}: unchanged); either change is its own fact,
     * and both are recorded together or not at all.
     */
    record AmendActionItem(ActionItemId actionItemId, Actor by, String owner, LocalDate dueDate)
            implements ActionItemCommand {
        public AmendActionItem {
            common(actionItemId, by);
            owner = owner == null ? null : text(owner, "owner", 200);
            if (owner == null && dueDate == null) {
                throw new IllegalArgumentException("body must name an owner, a dueDate or both");
            }
        }
    }

    /** The scheduler records that the item is overdue on {@code today}, once per due date. */
    record RecordOverdue(ActionItemId actionItemId, Actor by, LocalDate today) implements ActionItemCommand {
        public RecordOverdue {
            common(actionItemId, by);
            Objects.requireNonNull(today, "today");
        }
    }

    /** The scheduler reminds the owner when the due date is at most {@code leadDays} ahead, once per due date. */
    record RemindDueSoon(ActionItemId actionItemId, Actor by, LocalDate today, int leadDays) implements ActionItemCommand {
        public RemindDueSoon {
            common(actionItemId, by);
            Objects.requireNonNull(today, "today");
            if (leadDays < 0) {
                throw new IllegalArgumentException("leadDays must not be negative");
            }
        }
    }

    private static void common(ActionItemId id, Actor by) {
        if (id == null) {
            throw new IllegalArgumentException("actionItemId must not be null");
        }
        if (by == null) {
            throw new IllegalArgumentException("by must not be null");
        }
    }

    private static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        String text = value.strip();
        if (text.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters");
        }
        return text;
    }

    private static String optional(String value, String field, int max) {
        return value == null || value.isBlank() ? null : text(value, field, max);
    }
}

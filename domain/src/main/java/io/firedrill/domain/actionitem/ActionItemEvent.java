package io.firedrill.domain.actionitem;

import io.firedrill.domain.drill.DrillRunId;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.Actor;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The facts of an action item's life. Their stored names and versions are declared once by the action item
 * slice's table ({@code ActionItemSlice.EVENTS}), never derived from the class.
 */
public sealed interface ActionItemEvent {

    ActionItemId actionItemId();

    Actor by();

    Instant occurredAt();

    /**
     * An action item was created, owned by {@code owner} and due on {@code dueDate}; from a drill run's review when
     * {@code drillRunId} is set (stored at version 2; version 1 had no {@code drillRunId}).
     */
    record ActionItemCreated(ActionItemId actionItemId, Actor by, String title, String description, String owner,
                             LocalDate dueDate, Priority priority, ActionKind kind, IncidentId incidentId,
                             String postmortemId, DrillRunId drillRunId, Instant occurredAt) implements ActionItemEvent {

        /** An item not found by a drill review. */
        public ActionItemCreated(ActionItemId actionItemId, Actor by, String title, String description, String owner,
                                 LocalDate dueDate, Priority priority, ActionKind kind, IncidentId incidentId,
                                 String postmortemId, Instant occurredAt) {
            this(actionItemId, by, title, description, owner, dueDate, priority, kind, incidentId, postmortemId, null,
                    occurredAt);
        }
    }

    /** Work on it started (or resumed after a block). */
    record ActionItemStarted(ActionItemId actionItemId, Actor by, Instant occurredAt) implements ActionItemEvent {
    }

    record ActionItemCompleted(ActionItemId actionItemId, Actor by, Instant occurredAt) implements ActionItemEvent {
    }

    record ActionItemBlocked(ActionItemId actionItemId, Actor by, String reason, Instant occurredAt)
            implements ActionItemEvent {
    }

    record ActionItemCancelled(ActionItemId actionItemId, Actor by, String reason, Instant occurredAt)
            implements ActionItemEvent {
    }

    /** A completed or cancelled item was opened again; it is NOT_STARTED. */
    record ActionItemReopened(ActionItemId actionItemId, Actor by, String reason, Instant occurredAt)
            implements ActionItemEvent {
    }

    record ActionItemOwnerChanged(ActionItemId actionItemId, Actor by, String from, String to, Instant occurredAt)
            implements ActionItemEvent {
    }

    record ActionItemDueDateChanged(ActionItemId actionItemId, Actor by, LocalDate from, LocalDate to,
                                    Instant occurredAt) implements ActionItemEvent {
    }

    /** The scheduler found the item past {@code dueDate} and still open. Recorded once per due date. */
    record ActionItemBecameOverdue(ActionItemId actionItemId, Actor by, LocalDate dueDate, Instant occurredAt)
            implements ActionItemEvent {
    }

    /** The scheduler reminded the owner that {@code dueDate} is near. Recorded once per due date. */
    record ActionItemDueSoon(ActionItemId actionItemId, Actor by, LocalDate dueDate, Instant occurredAt)
            implements ActionItemEvent {
    }
}

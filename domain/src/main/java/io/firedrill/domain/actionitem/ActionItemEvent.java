package io.firedrill.domain.actionitem;

import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.Actor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The facts of an action item's life. Stored type names are explicit ({@code actionitem.} + simple name,
 * version 1), never derived from the class.
 */
public sealed interface ActionItemEvent {

    int SCHEMA_VERSION = 1;

    ActionItemId actionItemId();

    Actor by();

    Instant occurredAt();

    default String typeName() {
        return switch (this) {
            case ActionItemCreated e -> "actionitem.ActionItemCreated";
            case ActionItemStarted e -> "actionitem.ActionItemStarted";
            case ActionItemCompleted e -> "actionitem.ActionItemCompleted";
            case ActionItemBlocked e -> "actionitem.ActionItemBlocked";
            case ActionItemCancelled e -> "actionitem.ActionItemCancelled";
            case ActionItemReopened e -> "actionitem.ActionItemReopened";
            case ActionItemOwnerChanged e -> "actionitem.ActionItemOwnerChanged";
            case ActionItemDueDateChanged e -> "actionitem.ActionItemDueDateChanged";
            case ActionItemBecameOverdue e -> "actionitem.ActionItemBecameOverdue";
            case ActionItemDueSoon e -> "actionitem.ActionItemDueSoon";
        };
    }

    static Optional<Class<? extends ActionItemEvent>> typeFor(String typeName) {
        Class<? extends ActionItemEvent> type = switch (typeName) {
            case "actionitem.ActionItemCreated" -> ActionItemCreated.class;
            case "actionitem.ActionItemStarted" -> ActionItemStarted.class;
            case "actionitem.ActionItemCompleted" -> ActionItemCompleted.class;
            case "actionitem.ActionItemBlocked" -> ActionItemBlocked.class;
            case "actionitem.ActionItemCancelled" -> ActionItemCancelled.class;
            case "actionitem.ActionItemReopened" -> ActionItemReopened.class;
            case "actionitem.ActionItemOwnerChanged" -> ActionItemOwnerChanged.class;
            case "actionitem.ActionItemDueDateChanged" -> ActionItemDueDateChanged.class;
            case "actionitem.ActionItemBecameOverdue" -> ActionItemBecameOverdue.class;
            case "actionitem.ActionItemDueSoon" -> ActionItemDueSoon.class;
            default -> null;
        };
        return Optional.ofNullable(type);
    }

    static List<String> typeNames() {
        return List.of("actionitem.ActionItemCreated", "actionitem.ActionItemStarted", "actionitem.ActionItemCompleted",
                "actionitem.ActionItemBlocked", "actionitem.ActionItemCancelled", "actionitem.ActionItemReopened",
                "actionitem.ActionItemOwnerChanged", "actionitem.ActionItemDueDateChanged",
                "actionitem.ActionItemBecameOverdue", "actionitem.ActionItemDueSoon");
    }

    /** An action item was created, owned by {@code owner} and due on {@code dueDate}. */
    record ActionItemCreated(ActionItemId actionItemId, Actor by, String title, String description, String owner,
                             LocalDate dueDate, Priority priority, ActionKind kind, IncidentId incidentId,
                             String postmortemId, Instant occurredAt) implements ActionItemEvent {
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

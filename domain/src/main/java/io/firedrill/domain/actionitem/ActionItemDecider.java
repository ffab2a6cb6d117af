package io.firedrill.domain.actionitem;

import io.firedrill.domain.actionitem.ActionItemCommand.AmendActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.BlockActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.CancelActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.CompleteActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.CreateActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.ReassignActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.RecordOverdue;
import io.firedrill.domain.actionitem.ActionItemCommand.RemindDueSoon;
import io.firedrill.domain.actionitem.ActionItemCommand.ReopenActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.RescheduleActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.StartActionItem;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemBecameOverdue;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemBlocked;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemCancelled;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemCompleted;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemCreated;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemDueDateChanged;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemDueSoon;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemOwnerChanged;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemReopened;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemStarted;
import io.firedrill.domain.actionitem.ActionItemRuleViolation.Rule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rules of an action item as two pure functions. Transitions: start from NOT_STARTED or BLOCKED;
 * complete from NOT_STARTED, IN_PROGRESS or BLOCKED; block and cancel while open; reopen from COMPLETED or
 * CANCELLED (to NOT_STARTED); owner and due date change while open, and a due date never moves into the past. A repeated request that would change
 * nothing (a retry) decides no events. Dates are days in UTC.
 */
public final class ActionItemDecider {

    private ActionItemDecider() {
    }

    /** @throws ActionItemRuleViolation when the rules do not allow the command */
    public static List<ActionItemEvent> decide(ActionItemCommand command, ActionItem state, Instant now) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(now, "now");
        if (!(command instanceof CreateActionItem) && !state.created()) {
            throw new ActionItemRuleViolation(Rule.ACTION_ITEM_NOT_CREATED,
                    "Action item " + command.actionItemId() + " has not been created.");
        }
        ActionItemStatus status = state.status();
        return switch (command) {
            case CreateActionItem c -> create(c, state, now);
            case StartActionItem c when status == ActionItemStatus.IN_PROGRESS -> List.of();
            case StartActionItem c when status == ActionItemStatus.NOT_STARTED || status == ActionItemStatus.BLOCKED ->
                    List.of(new ActionItemStarted(c.actionItemId(), c.by(), now));
            case CompleteActionItem c when status == ActionItemStatus.COMPLETED -> List.of();
            case CompleteActionItem c when !status.closed() ->
                    List.of(new ActionItemCompleted(c.actionItemId(), c.by(), now));
            case BlockActionItem c when status == ActionItemStatus.BLOCKED && c.reason().equals(state.reason()) -> List.of();
            case BlockActionItem c when !status.closed() ->
                    List.of(new ActionItemBlocked(c.actionItemId(), c.by(), c.reason(), now));
            case CancelActionItem c when status == ActionItemStatus.CANCELLED -> List.of();
            case CancelActionItem c when status != ActionItemStatus.COMPLETED ->
                    List.of(new ActionItemCancelled(c.actionItemId(), c.by(), c.reason(), now));
            case ReopenActionItem c when status.closed() ->
                    List.of(new ActionItemReopened(c.actionItemId(), c.by(), c.reason(), now));
            case ReassignActionItem c when c.owner().equals(state.owner()) -> List.of();
            case ReassignActionItem c when !status.closed() ->
                    List.of(new ActionItemOwnerChanged(c.actionItemId(), c.by(), state.owner(), c.owner(), now));
            case RescheduleActionItem c when c.dueDate().equals(state.dueDate()) -> List.of();
            case RescheduleActionItem c when !status.closed() -> {
                LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
                if (c.dueDate().isBefore(today)) {
                    throw new ActionItemRuleViolation(Rule.DUE_DATE_IN_PAST,
                            "dueDate " + c.dueDate() + " is before today (" + today + ").");
                }
                yield List.of(new ActionItemDueDateChanged(c.actionItemId(), c.by(), state.dueDate(), c.dueDate(), now));
            }
            case AmendActionItem c -> {
                List<ActionItemEvent> events = new ArrayList<>();
                if (c.owner() != null) {
                    events.addAll(decide(new ReassignActionItem(c.actionItemId(), c.by(), c.owner()), state, now));
                }
                if (c.dueDate() != null) {
                    events.addAll(decide(new RescheduleActionItem(c.actionItemId(), c.by(), c.dueDate()), state, now));
                }
                yield List.copyOf(events);
            }
            case RecordOverdue c -> !state.overdue(c.today()) || state.overdueRecorded().contains(state.dueDate())
                    ? List.of()
                    : List.of(new ActionItemBecameOverdue(c.actionItemId(), c.by(), state.dueDate(), now));
            case RemindDueSoon c -> status.closed() || state.dueDate().isBefore(c.today())
                    || c.today().plusDays(c.leadDays()).isBefore(state.dueDate())
                    || state.remindedFor().contains(state.dueDate())
                    ? List.of()
                    : List.of(new ActionItemDueSoon(c.actionItemId(), c.by(), state.dueDate(), now));
            // Exhaustive over the sealed commands, with no default: a new command fails to compile until it is decided.
            case StartActionItem c -> throw illegal(c, status);
            case CompleteActionItem c -> throw illegal(c, status);
            case BlockActionItem c -> throw illegal(c, status);
            case CancelActionItem c -> throw illegal(c, status);
            case ReopenActionItem c -> throw illegal(c, status);
            case ReassignActionItem c -> throw illegal(c, status);
            case RescheduleActionItem c -> throw illegal(c, status);
        };
    }

    private static List<ActionItemEvent> create(CreateActionItem c, ActionItem state, Instant now) {
        if (state.created()) {
            throw new ActionItemRuleViolation(Rule.ACTION_ITEM_ALREADY_CREATED,
                    "Action item " + c.actionItemId() + " has already been created.");
        }
        if (c.dueDate().isBefore(now.atZone(ZoneOffset.UTC).toLocalDate())) {
            throw new ActionItemRuleViolation(Rule.DUE_DATE_BEFORE_CREATION,
                    "dueDate " + c.dueDate() + " is before today (" + now.atZone(ZoneOffset.UTC).toLocalDate() + ").");
        }
        return List.of(new ActionItemCreated(c.actionItemId(), c.by(), c.title(), c.description(), c.owner(),
                c.dueDate(), c.priority(), c.kind(), c.incidentId(), c.postmortemId(), c.drillRunId(), now));
    }

    private static ActionItemRuleViolation illegal(ActionItemCommand command, ActionItemStatus status) {
        return new ActionItemRuleViolation(Rule.ILLEGAL_TRANSITION,
                command.getClass().getSimpleName() + " is not allowed when the action item is " + status + ".");
    }

    /** The next state after {@code event}. */
    public static ActionItem evolve(ActionItem s, ActionItemEvent event) {
        Objects.requireNonNull(s, "state");
        Objects.requireNonNull(event, "event");
        if (!(event instanceof ActionItemCreated) && !s.created()) {
            throw new IllegalStateException(event.getClass().getSimpleName() + " before the action item was created");
        }
        long v = s.version() + 1;
        return switch (event) {
            case ActionItemCreated e -> {
                if (s.created()) {
                    throw new IllegalStateException("action item " + s.id() + " is created twice");
                }
                yield new ActionItem(e.actionItemId(), e.title(), e.description(), e.owner(), e.dueDate(), e.priority(),
                        e.kind(), e.incidentId(), e.postmortemId(), e.drillRunId(), ActionItemStatus.NOT_STARTED, null, e.occurredAt(),
                        null, Set.of(), Set.of(), 0, v);
            }
            case ActionItemStarted e -> with(s, ActionItemStatus.IN_PROGRESS, null, s.completedAt(), v);
            case ActionItemCompleted e -> with(s, ActionItemStatus.COMPLETED, null, e.occurredAt(), v);
            case ActionItemBlocked e -> with(s, ActionItemStatus.BLOCKED, e.reason(), s.completedAt(), v);
            case ActionItemCancelled e -> with(s, ActionItemStatus.CANCELLED, e.reason(), s.completedAt(), v);
            case ActionItemReopened e -> new ActionItem(s.id(), s.title(), s.description(), s.owner(), s.dueDate(),
                    s.priority(), s.kind(), s.incidentId(), s.postmortemId(), s.drillRunId(), ActionItemStatus.NOT_STARTED, e.reason(),
                    s.createdAt(), null, s.overdueRecorded(), s.remindedFor(), s.reopened() + 1, v);
            case ActionItemOwnerChanged e -> new ActionItem(s.id(), s.title(), s.description(), e.to(), s.dueDate(),
                    s.priority(), s.kind(), s.incidentId(), s.postmortemId(), s.drillRunId(), s.status(), s.reason(), s.createdAt(),
                    s.completedAt(), s.overdueRecorded(), s.remindedFor(), s.reopened(), v);
            case ActionItemDueDateChanged e -> new ActionItem(s.id(), s.title(), s.description(), s.owner(), e.to(),
                    s.priority(), s.kind(), s.incidentId(), s.postmortemId(), s.drillRunId(), s.status(), s.reason(), s.createdAt(),
                    s.completedAt(), s.overdueRecorded(), s.remindedFor(), s.reopened(), v);
            case ActionItemBecameOverdue e -> new ActionItem(s.id(), s.title(), s.description(), s.owner(), s.dueDate(),
                    s.priority(), s.kind(), s.incidentId(), s.postmortemId(), s.drillRunId(), s.status(), s.reason(), s.createdAt(),
                    s.completedAt(), plus(s.overdueRecorded(), e.dueDate()), s.remindedFor(), s.reopened(), v);
            case ActionItemDueSoon e -> new ActionItem(s.id(), s.title(), s.description(), s.owner(), s.dueDate(),
                    s.priority(), s.kind(), s.incidentId(), s.postmortemId(), s.drillRunId(), s.status(), s.reason(), s.createdAt(),
                    s.completedAt(), s.overdueRecorded(), plus(s.remindedFor(), e.dueDate()), s.reopened(), v);
        };
    }

    public static ActionItem fold(List<? extends ActionItemEvent> events) {
        ActionItem state = ActionItem.EMPTY;
        for (ActionItemEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    private static ActionItem with(ActionItem s, ActionItemStatus status, String reason, Instant completedAt, long v) {
        return new ActionItem(s.id(), s.title(), s.description(), s.owner(), s.dueDate(), s.priority(), s.kind(),
                s.incidentId(), s.postmortemId(), s.drillRunId(), status, reason, s.createdAt(), completedAt, s.overdueRecorded(),
                s.remindedFor(), s.reopened(), v);
    }

    private static Set<LocalDate> plus(Set<LocalDate> dates, LocalDate date) {
        Set<LocalDate> more = new HashSet<>(dates);
        more.add(date);
        return more;
    }
}

package io.firedrill.domain.actionitem;

import io.firedrill.domain.drill.DrillRunId;
import io.firedrill.domain.incident.IncidentId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state of an action item: the fold of its events.
 *
 * @param drillRunId the drill run whose review found it, or {@code null}
 * @param reason the reason of the latest block, cancellation or reopen, while it applies
 * @param overdueRecorded the due dates for which the item was recorded overdue
 * @param remindedFor the due dates for which a reminder was recorded
 * @param reopened how many times it was reopened
 */
public record ActionItem(
        ActionItemId id,
        String title,
        String description,
        String owner,
        LocalDate dueDate,
        Priority priority,
        ActionKind kind,
        IncidentId incidentId,
        String postmortemId,
        DrillRunId drillRunId,
        ActionItemStatus status,
        String reason,
        Instant createdAt,
        Instant completedAt,
        Set<LocalDate> overdueRecorded,
        Set<LocalDate> remindedFor,
        int reopened,
        long version) {

    /** Nothing has been created under this id. */
    public static final ActionItem EMPTY = new ActionItem(null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, Set.of(), Set.of(), 0, 0);

    public ActionItem {
        overdueRecorded = overdueRecorded == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(overdueRecorded));
        remindedFor = remindedFor == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(remindedFor));
    }

    public boolean created() {
        return id != null;
    }

    /** Overdue is derived: past its due date on {@code today} and neither completed nor cancelled. */
    public boolean overdue(LocalDate today) {
        return created() && !status.closed() && dueDate.isBefore(today);
    }
}

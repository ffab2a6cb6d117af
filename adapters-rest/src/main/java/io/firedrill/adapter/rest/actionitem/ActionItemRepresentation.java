package io.firedrill.adapter.rest.actionitem;

import io.firedrill.domain.actionitem.ActionItem;
import io.firedrill.domain.actionitem.ActionItemStatus;
import io.firedrill.domain.actionitem.ActionKind;
import io.firedrill.domain.actionitem.Priority;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An action item as the API shows it.
 *
 * @param drillRunId the drill run whose review found it, or {@code null}
 * @param reason why it is blocked or cancelled, or why it was reopened, while that applies
 * @param overdue derived: past its due date today (UTC) and neither completed nor cancelled
 * @param reopened how many times it was reopened
 * @param version the number of facts in its log (the ETag)
 */
public record ActionItemRepresentation(String id, String title, String description, String owner, LocalDate dueDate,
                                       Priority priority, ActionKind kind, String incidentId, String postmortemId,
                                       String drillRunId,
                                       ActionItemStatus status, String reason, boolean overdue, Instant createdAt,
                                       Instant completedAt, int reopened, long version) {

    static ActionItemRepresentation of(ActionItem item, LocalDate today) {
        return new ActionItemRepresentation(item.id().toString(), item.title(), item.description(), item.owner(),
                item.dueDate(), item.priority(), item.kind(),
                item.incidentId() == null ? null : item.incidentId().toString(), item.postmortemId(),
                item.drillRunId() == null ? null : item.drillRunId().toString(), item.status(),
                item.reason(), item.overdue(today), item.createdAt(), item.completedAt(), item.reopened(),
                item.version());
    }
}

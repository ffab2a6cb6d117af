package io.firedrill.adapter.rest.actionitem;

import io.firedrill.domain.actionitem.ActionKind;
import io.firedrill.domain.actionitem.Priority;
import java.time.LocalDate;

/** The bodies the action item endpoints accept. */
final class ActionItemRequests {

    private ActionItemRequests() {
    }

    record Create(String title, String description, String owner, LocalDate dueDate, Priority priority, ActionKind kind,
                  String incidentId, String postmortemId) {
    }

    /** A reason: required to block or cancel, optional to reopen. */
    record WithReason(String reason) {
    }

    /** {@code PATCH}: the owner, the due date or both. */
    record Amend(String owner, LocalDate dueDate) {
    }
}

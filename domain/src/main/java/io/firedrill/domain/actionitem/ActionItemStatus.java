package io.firedrill.domain.actionitem;

/** Where an action item stands. COMPLETED and CANCELLED are closed (a reopen opens them again). */
public enum ActionItemStatus {
    NOT_STARTED, IN_PROGRESS, BLOCKED, COMPLETED, CANCELLED;

    public boolean closed() {
        return this == COMPLETED || this == CANCELLED;
    }
}

package io.firedrill.domain.postmortem;

import io.firedrill.domain.actionitem.ActionKind;

/**
 * A corrective or preventive action the postmortem plans. Before publishing it must either be linked to
 * an action item or be waived with a reason; while drafting it may be neither, never both.
 *
 * @param actionItemId the id (a UUID) of the action item that tracks it, or {@code null}
 * @param waivedReason why no action item tracks it, or {@code null}
 */
public record PlannedAction(String title, ActionKind kind, Horizon horizon, String actionItemId,
                            String waivedReason) {

    public PlannedAction {
        actionItemId = Texts.orNull(actionItemId);
        waivedReason = Texts.orNull(waivedReason);
    }

    /** Whether it is linked to an action item or waived with a reason, as publishing requires. */
    public boolean settled() {
        return actionItemId != null || waivedReason != null;
    }
}

package io.firedrill.application.port.in.actionitem;

import io.firedrill.application.port.in.NotFound;
import io.firedrill.domain.actionitem.ActionItemId;
import java.io.Serial;

/** No action item with this id exists for the tenant (also when another tenant has one). */
public final class ActionItemNotFound extends NotFound {

    @Serial
    private static final long serialVersionUID = 1L;

    public ActionItemNotFound(ActionItemId id) {
        super("No action item " + id + " exists.");
    }

    public ActionItemNotFound(String detail) {
        super(detail);
    }
}

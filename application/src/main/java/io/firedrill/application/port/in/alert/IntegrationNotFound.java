package io.firedrill.application.port.in.alert;

import io.firedrill.application.port.in.NotFound;
import io.firedrill.domain.alert.IntegrationId;

/** No integration with this id exists for the caller (also when it belongs to another tenant or was deleted). */
public final class IntegrationNotFound extends NotFound {

    public IntegrationNotFound(IntegrationId id) {
        super("Integration " + id + " does not exist.");
    }
}

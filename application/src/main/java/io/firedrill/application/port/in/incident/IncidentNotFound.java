package io.firedrill.application.port.in.incident;

import io.firedrill.application.port.in.NotFound;
import io.firedrill.domain.incident.IncidentId;
import java.io.Serial;

/** No incident with this id exists for the tenant (also when another tenant has one). */
public final class IncidentNotFound extends NotFound {

    @Serial
    private static final long serialVersionUID = 1L;

    public IncidentNotFound(IncidentId id) {
        super("No incident " + id + " exists.");
    }

    public IncidentNotFound(String detail) {
        super(detail);
    }
}

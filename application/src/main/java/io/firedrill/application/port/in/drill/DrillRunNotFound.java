package io.firedrill.application.port.in.drill;

import io.firedrill.application.port.in.NotFound;
import io.firedrill.domain.drill.DrillRunId;
import java.io.Serial;

/** No drill run with this id exists for the tenant (also when another tenant has one). */
public final class DrillRunNotFound extends NotFound {

    @Serial
    private static final long serialVersionUID = 1L;

    public DrillRunNotFound(DrillRunId id) {
        super("No drill run " + id + " exists.");
    }

    public DrillRunNotFound(String detail) {
        super(detail);
    }
}

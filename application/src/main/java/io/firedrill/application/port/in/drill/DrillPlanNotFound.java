package io.firedrill.application.port.in.drill;

import io.firedrill.application.port.in.NotFound;
import io.firedrill.domain.drill.DrillPlanId;
import java.io.Serial;

/** No drill plan with this id exists for the tenant (also when another tenant has one), or not in that version. */
public final class DrillPlanNotFound extends NotFound {

    @Serial
    private static final long serialVersionUID = 1L;

    public DrillPlanNotFound(DrillPlanId id) {
        super("No drill plan " + id + " exists.");
    }

    public DrillPlanNotFound(String detail) {
        super(detail);
    }
}

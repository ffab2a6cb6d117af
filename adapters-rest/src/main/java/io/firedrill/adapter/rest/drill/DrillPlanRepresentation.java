package io.firedrill.adapter.rest.drill;

import io.firedrill.domain.drill.DrillPlan;
import io.firedrill.domain.drill.DrillPlanDefinition;
import io.firedrill.domain.drill.DrillSchedule;
import io.firedrill.domain.drill.DrillStep;
import io.firedrill.domain.drill.Objective;
import io.firedrill.domain.drill.Participant;
import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.List;

/**
 * A drill plan as the API shows it: its current definition and what is known about it.
 *
 * @param planVersion the version of the definition (1 when created, one more per revision)
 * @param enabled whether its schedule starts runs
 * @param pausedReason why it is paused, while it is
 * @param version the number of facts in its log (the ETag)
 */
public record DrillPlanRepresentation(String id, String name, String service, String scenario, String hypothesis,
                                      String owner, List<Participant> participants, Severity severity,
                                      List<Objective> objectives, List<DrillStep> steps, DrillSchedule schedule,
                                      int planVersion, boolean enabled, String pausedReason, String createdBy,
                                      Instant createdAt, Instant updatedAt, long version) {

    static DrillPlanRepresentation of(DrillPlan plan) {
        DrillPlanDefinition d = plan.definition();
        return new DrillPlanRepresentation(plan.id().toString(), d.name(), d.service(), d.scenario(), d.hypothesis(),
                d.owner(), d.participants(), d.severity(), d.objectives(), d.steps(), d.schedule(), plan.planVersion(),
                plan.enabled(), plan.pausedReason(), plan.createdBy(), plan.createdAt(), plan.updatedAt(), plan.version());
    }

    /** One version of a plan's definition. */
    public record Version(String id, int planVersion, DrillPlanDefinition definition) {
    }
}

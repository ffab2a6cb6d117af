package io.firedrill.domain.drill;

import io.firedrill.domain.shared.Severity;
import java.util.List;

/**
 * A change to a drill plan: each field given replaces the plan's (lists are replaced whole); {@code null} keeps it.
 * {@code removeSchedule} makes the plan run only by hand. At least one change must be given.
 */
public record DrillPlanPatch(String name, String service, String scenario, String hypothesis, String owner,
                             List<Participant> participants, Severity severity, List<Objective> objectives,
                             List<DrillStep> steps, DrillSchedule schedule, boolean removeSchedule) {

    public DrillPlanPatch {
        participants = participants == null ? null : Fields.list(participants, "participants", 100);
        objectives = objectives == null ? null : Fields.list(objectives, "objectives", Objective.Kind.values().length);
        steps = steps == null ? null : Fields.list(steps, "steps", DrillPlanDefinition.STEPS_MAX);
        if (removeSchedule && schedule != null) {
            throw new IllegalArgumentException("schedule must be null when the patch removes the schedule");
        }
        if (name == null && service == null && scenario == null && hypothesis == null && owner == null
                && participants == null && severity == null && objectives == null && steps == null && schedule == null
                && !removeSchedule) {
            throw new IllegalArgumentException("body must change at least one field of the plan");
        }
    }
}

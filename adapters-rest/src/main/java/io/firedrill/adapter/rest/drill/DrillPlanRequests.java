package io.firedrill.adapter.rest.drill;

import io.firedrill.domain.drill.DrillPlanDefinition;
import io.firedrill.domain.drill.DrillPlanPatch;
import io.firedrill.domain.drill.DrillSchedule;
import io.firedrill.domain.drill.DrillStep;
import io.firedrill.domain.drill.Objective;
import io.firedrill.domain.drill.Participant;
import io.firedrill.domain.shared.Severity;
import java.util.List;

/** The bodies the drill plan endpoints accept. Steps, objectives, participants and schedules are the domain's shapes. */
final class DrillPlanRequests {

    private DrillPlanRequests() {
    }

    /** A new plan; {@code schedule} absent or {@code null}: it runs only by hand. */
    record Create(String name, String service, String scenario, String hypothesis, String owner,
                  List<Participant> participants, Severity severity, List<Objective> objectives, List<DrillStep> steps,
                  DrillSchedule schedule) {

        DrillPlanDefinition definition() {
            return new DrillPlanDefinition(name, service, scenario, hypothesis, owner, participants, severity, objectives,
                    steps, schedule);
        }
    }

    /**
     * {@code PATCH} (JSON merge patch): each field given replaces the plan's, lists whole; {@code "schedule": null}
     * removes the schedule.
     */
    record Patch(String name, String service, String scenario, String hypothesis, String owner,
                 List<Participant> participants, Severity severity, List<Objective> objectives, List<DrillStep> steps,
                 DrillSchedule schedule) {

        DrillPlanPatch patch(boolean removeSchedule) {
            return new DrillPlanPatch(name, service, scenario, hypothesis, owner, participants, severity, objectives, steps,
                    schedule, removeSchedule);
        }
    }

    /** Why a plan is paused (optional). */
    record Pause(String reason) {
    }
}

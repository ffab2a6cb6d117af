package io.firedrill.domain.drill;

import io.firedrill.domain.drill.DrillStep.CheckpointName;
import io.firedrill.domain.drill.DrillStep.Kind;
import io.firedrill.domain.shared.Severity;
import java.time.Duration;
import java.util.List;

/** A game-day plan and its parts, for the drill tests. */
final class DrillPlans {

    private DrillPlans() {
    }

    static DrillStep inject(String name, boolean opensIncident) {
        return new DrillStep(Kind.INJECT, name, false, new DrillStep.Inject("Checkout answers 503 for everyone",
                Duration.ofMinutes(5), opensIncident), null, null, null, null, null);
    }

    static DrillStep checkpoint(String name, CheckpointName checkpoint) {
        return new DrillStep(Kind.CHECKPOINT, name, false, null, null, null, null, null, new DrillStep.Checkpoint(checkpoint));
    }

    static DrillStep probe(String name, CheckpointName marks, String markerPointer) {
        return new DrillStep(Kind.HTTP_PROBE, name, true, null, null, null, new DrillStep.HttpProbe("GET",
                "http://checkout.internal/health", 200, "ok", Duration.ofSeconds(2), Duration.ofMinutes(10),
                Duration.ofSeconds(5), marks, markerPointer), null, null);
    }

    static Objective timed(Objective.Kind kind, Duration target) {
        return new Objective(kind, target, null);
    }

    static DrillPlanDefinition gameDay() {
        return new DrillPlanDefinition("Checkout database failover", "checkout", "The primary database of checkout fails",
                "Failover finishes within 5 minutes and alerts fire within 1 minute", "alice",
                List.of(new Participant("alice", Participant.Role.FACILITATOR), new Participant("bob", Participant.Role.COMMANDER)),
                Severity.P1,
                List.of(timed(Objective.Kind.DETECTION, Duration.ofMinutes(1)),
                        timed(Objective.Kind.ACKNOWLEDGEMENT, Duration.ofMinutes(5)),
                        timed(Objective.Kind.MITIGATION, Duration.ofMinutes(15)),
                        timed(Objective.Kind.RTO, Duration.ofMinutes(20)),
                        timed(Objective.Kind.RPO, Duration.ofSeconds(30)),
                        new Objective(Objective.Kind.STEPS_COMPLETED, null, 80)),
                List.of(checkpoint("fault", CheckpointName.FAULT_STARTED), inject("reveal", true),
                        probe("checkout healthy again", CheckpointName.SERVICE_RESTORED, "/lastWrite")),
                new DrillSchedule("0 10 * * TUE", "Asia/Shanghai", List.of(), null));
    }
}

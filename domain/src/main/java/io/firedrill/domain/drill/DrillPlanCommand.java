package io.firedrill.domain.drill;

import io.firedrill.domain.shared.Actor;
import java.time.Instant;

/**
 * What someone asks of a drill plan. Commands check their own fields and throw {@link IllegalArgumentException} with
 * a message that starts with the field's name; the rules of the plan's state are {@link DrillPlanDecider#decide}'s.
 */
public sealed interface DrillPlanCommand {

    DrillPlanId drillPlanId();

    Actor by();

    record CreateDrillPlan(DrillPlanId drillPlanId, Actor by, DrillPlanDefinition definition) implements DrillPlanCommand {
        public CreateDrillPlan {
            common(drillPlanId, by);
            Fields.notNull(definition, "body");
        }
    }

    /** Makes a new plan version from the current one with {@code patch} applied. */
    record ReviseDrillPlan(DrillPlanId drillPlanId, Actor by, DrillPlanPatch patch) implements DrillPlanCommand {
        public ReviseDrillPlan {
            common(drillPlanId, by);
            Fields.notNull(patch, "body");
        }
    }

    /** Stops the schedule from starting runs; the reason is optional (at most 2,000 characters). */
    record PauseDrillPlan(DrillPlanId drillPlanId, Actor by, String reason) implements DrillPlanCommand {
        public PauseDrillPlan {
            common(drillPlanId, by);
            reason = Fields.optional(reason, "reason", 2_000);
        }
    }

    record ResumeDrillPlan(DrillPlanId drillPlanId, Actor by) implements DrillPlanCommand {
        public ResumeDrillPlan {
            common(drillPlanId, by);
        }
    }

    /**
     * Starts run {@code drillRunId} ({@code number}) of the plan's current version: by hand ({@code scheduledFor}
     * {@code null}) or for the schedule's instant {@code scheduledFor}.
     */
    record StartDrillRun(DrillPlanId drillPlanId, DrillRunId drillRunId, DrillRunNumber number, Instant scheduledFor,
                         Actor by) implements DrillPlanCommand {
        public StartDrillRun {
            common(drillPlanId, by);
            Fields.notNull(drillRunId, "drillRunId");
            Fields.notNull(number, "number");
        }
    }

    /** Records that the schedule's instant {@code scheduledFor} starts no run, and why (1–2,000 characters). */
    record SkipScheduledRun(DrillPlanId drillPlanId, Instant scheduledFor, String reason, Actor by)
            implements DrillPlanCommand {
        public SkipScheduledRun {
            common(drillPlanId, by);
            Fields.notNull(scheduledFor, "scheduledFor");
            reason = Fields.text(reason, "reason", 2_000);
        }
    }

    private static void common(DrillPlanId id, Actor by) {
        Fields.notNull(id, "drillPlanId");
        Fields.notNull(by, "by");
    }
}

package io.firedrill.domain.drill;

import io.firedrill.domain.shared.Actor;
import java.time.Instant;

/**
 * The facts of a drill plan's life. Their stored names and versions are declared once by the drill slice's table
 * ({@code DrillSlice.EVENTS}), never derived from the class.
 */
public sealed interface DrillPlanEvent extends DrillEvent {

    DrillPlanId drillPlanId();

    Actor by();

    Instant occurredAt();

    /** A plan was written; it is plan version 1 and enabled. */
    record DrillPlanCreated(DrillPlanId drillPlanId, Actor by, DrillPlanDefinition definition, Instant occurredAt)
            implements DrillPlanEvent {
    }

    /** The plan was edited: {@code definition} is plan version {@code planVersion}. */
    record DrillPlanRevised(DrillPlanId drillPlanId, Actor by, int planVersion, DrillPlanDefinition definition,
                            Instant occurredAt) implements DrillPlanEvent {
    }

    /** Its schedule stopped starting runs. */
    record DrillPlanPaused(DrillPlanId drillPlanId, Actor by, String reason, Instant occurredAt) implements DrillPlanEvent {
    }

    /**
     * The schedule's instant {@code scheduledFor} started no run, for {@code reason}: a blackout, a run still going, or
     * no instance up within the grace period.
     */
    record DrillRunSkipped(DrillPlanId drillPlanId, Actor by, Instant scheduledFor, String reason, Instant occurredAt)
            implements DrillPlanEvent {
    }

    /** Its schedule starts runs again. */
    record DrillPlanResumed(DrillPlanId drillPlanId, Actor by, Instant occurredAt) implements DrillPlanEvent {
    }
}

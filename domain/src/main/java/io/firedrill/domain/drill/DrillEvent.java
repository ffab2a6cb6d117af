package io.firedrill.domain.drill;

import io.firedrill.domain.shared.Actor;
import java.time.Instant;

/** The facts of drills: of plans ({@link DrillPlanEvent}) and of their runs ({@link DrillRunEvent}). */
public sealed interface DrillEvent permits DrillPlanEvent, DrillRunEvent {

    Actor by();

    Instant occurredAt();
}

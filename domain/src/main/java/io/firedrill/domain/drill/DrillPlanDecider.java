package io.firedrill.domain.drill;

import io.firedrill.domain.drill.DrillPlanCommand.CreateDrillPlan;
import io.firedrill.domain.drill.DrillPlanCommand.PauseDrillPlan;
import io.firedrill.domain.drill.DrillPlanCommand.ResumeDrillPlan;
import io.firedrill.domain.drill.DrillPlanCommand.ReviseDrillPlan;
import io.firedrill.domain.drill.DrillPlanCommand.SkipScheduledRun;
import io.firedrill.domain.drill.DrillPlanCommand.StartDrillRun;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanCreated;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanPaused;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanResumed;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanRevised;
import io.firedrill.domain.drill.DrillPlanEvent.DrillRunSkipped;
import io.firedrill.domain.drill.DrillPlanRuleViolation.Rule;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunEnded;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunStarted;
import io.firedrill.domain.drill.DrillRunEvent.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rules of a drill plan as two pure functions. A plan is created once; a revision that changes nothing, a pause of
 * a paused plan and a resumption of an enabled one decide no events (a retry changes nothing). A revision is checked as
 * a whole: the patched definition must be a valid plan. A plan starts its runs (of its current version), one at a time;
 * a paused plan can still be run by hand.
 */
public final class DrillPlanDecider {

    private DrillPlanDecider() {
    }

    /** @throws DrillPlanRuleViolation when the rules do not allow the command */
    public static List<DrillEvent> decide(DrillPlanCommand command, DrillPlan state, Instant now) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(now, "now");
        if (command instanceof CreateDrillPlan create) {
            if (state.created()) {
                if (state.planVersion() == 1 && state.definitionAt(1).equals(create.definition())) {
                    return List.of();
                }
                throw new DrillPlanRuleViolation(Rule.DRILL_PLAN_ALREADY_CREATED,
                        "Drill plan " + create.drillPlanId() + " has already been created.");
            }
            return List.of(new DrillPlanCreated(create.drillPlanId(), create.by(), create.definition(), now));
        }
        if (!state.created()) {
            throw new DrillPlanRuleViolation(Rule.DRILL_PLAN_NOT_CREATED,
                    "Drill plan " + command.drillPlanId() + " has not been created.");
        }
        return switch (command) {
            case CreateDrillPlan c -> throw new IllegalStateException("handled above");
            case ReviseDrillPlan c -> {
                DrillPlanDefinition next = state.definition().with(c.patch());
                yield next.equals(state.definition()) ? List.of()
                        : List.of(new DrillPlanRevised(c.drillPlanId(), c.by(), state.planVersion() + 1, next, now));
            }
            case StartDrillRun c -> start(c, state, now);
            case SkipScheduledRun c -> taken(state, c.scheduledFor())
                    ? List.of() : List.of(new DrillRunSkipped(c.drillPlanId(), c.by(), c.scheduledFor(), c.reason(), now));
            case PauseDrillPlan c -> state.enabled() ? List.of(new DrillPlanPaused(c.drillPlanId(), c.by(), c.reason(), now))
                    : List.of();
            case ResumeDrillPlan c -> state.enabled() ? List.of() : List.of(new DrillPlanResumed(c.drillPlanId(), c.by(), now));
        };
    }

    /**
     * A run starts when none is active. A scheduled run starts once per instant of the schedule, and only while the plan
     * is enabled, has a schedule, and the instant is not before the schedule applies: a start for an instant at or
     * before the latest one a run started for (or that was skipped) decides nothing (another instance started it
     * first), and so does a start the plan's own events no longer make due. A start of the run that is already active
     * (a retry) decides nothing either.
     */
    private static List<DrillEvent> start(StartDrillRun c, DrillPlan state, Instant now) {
        if (c.drillRunId().equals(state.activeRun())) {
            return List.of();
        }
        if (c.scheduledFor() != null && taken(state, c.scheduledFor())) {
            return List.of();
        }
        if (state.activeRun() != null) {
            throw new DrillPlanRuleViolation(Rule.DRILL_RUN_ACTIVE, "Drill plan " + c.drillPlanId() + " is running already (run "
                    + state.activeRun() + "); it runs once at a time.");
        }
        return List.of(new DrillRunStarted(c.drillRunId(), c.drillPlanId(), c.number(), state.planVersion(),
                state.definition(), c.scheduledFor() == null ? Trigger.MANUAL : Trigger.SCHEDULED, c.scheduledFor(),
                c.by(), now));
    }

    /**
     * Whether a scheduled instant is taken already (a run started for it or a later one, or it was skipped), or no longer
     * due by the plan's own events (paused, unscheduled, or rescheduled since): such an instant starts or skips nothing.
     */
    private static boolean taken(DrillPlan state, Instant scheduledFor) {
        return state.lastScheduledFor() != null && !scheduledFor.isAfter(state.lastScheduledFor()) || !state.enabled()
                || state.definition().schedule() == null
                || state.scheduleSince() != null && scheduledFor.isBefore(state.scheduleSince());
    }

    /**
     * The plan's state after {@code event}: its own events, and the start and end of its runs (which share the plan's
     * tag). A run's other facts never reach a plan. The version counts the plan's own facts only: a run starting or
     * ending does not change the plan's ETag.
     */
    public static DrillPlan evolve(DrillPlan state, DrillEvent event) {
        long version = state.version() + 1;
        return switch (event) {
            case DrillPlanCreated e -> new DrillPlan(e.drillPlanId(), List.of(e.definition()), true, null,
                    e.by().name(), e.occurredAt(), e.occurredAt(), null, null, e.occurredAt(), version);
            case DrillPlanRevised e -> {
                List<DrillPlanDefinition> versions = new ArrayList<>(state.versions());
                versions.add(e.definition());
                boolean rescheduled = !Objects.equals(state.definition().schedule(), e.definition().schedule());
                yield new DrillPlan(state.id(), versions, state.enabled(), state.pausedReason(), state.createdBy(),
                        state.createdAt(), e.occurredAt(), state.activeRun(), state.lastScheduledFor(),
                        rescheduled ? e.occurredAt() : state.scheduleSince(), version);
            }
            case DrillPlanPaused e -> new DrillPlan(state.id(), state.versions(), false, e.reason(), state.createdBy(),
                    state.createdAt(), e.occurredAt(), state.activeRun(), state.lastScheduledFor(), state.scheduleSince(),
                    version);
            case DrillPlanResumed e -> new DrillPlan(state.id(), state.versions(), true, null, state.createdBy(),
                    state.createdAt(), e.occurredAt(), state.activeRun(), state.lastScheduledFor(), e.occurredAt(), version);
            case DrillRunSkipped e -> new DrillPlan(state.id(), state.versions(), state.enabled(), state.pausedReason(),
                    state.createdBy(), state.createdAt(), state.updatedAt(), state.activeRun(), e.scheduledFor(),
                    state.scheduleSince(), version);
            case DrillRunStarted e -> new DrillPlan(state.id(), state.versions(), state.enabled(), state.pausedReason(),
                    state.createdBy(), state.createdAt(), state.updatedAt(), e.drillRunId(),
                    e.scheduledFor() != null ? e.scheduledFor() : state.lastScheduledFor(), state.scheduleSince(), state.version());
            case DrillRunEnded e -> new DrillPlan(state.id(), state.versions(), state.enabled(), state.pausedReason(),
                    state.createdBy(), state.createdAt(), state.updatedAt(),
                    e.drillRunId().equals(state.activeRun()) ? null : state.activeRun(), state.lastScheduledFor(),
                    state.scheduleSince(), state.version());
            case DrillRunEvent e -> state;
        };
    }

    /** The state after {@code events}, from nothing. */
    public static DrillPlan fold(List<? extends DrillEvent> events) {
        DrillPlan state = DrillPlan.EMPTY;
        for (DrillEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }
}

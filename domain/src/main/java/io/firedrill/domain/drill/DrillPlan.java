package io.firedrill.domain.drill;

import java.time.Instant;
import java.util.List;

/**
 * The state of a drill plan: the fold of its events.
 *
 * @param versions every version of its definition, oldest first; the plan version {@code n} is {@code versions[n-1]}
 * @param enabled whether its schedule runs it (a paused plan still runs by hand)
 * @param pausedReason why it was paused, while it is
 * @param activeRun the run that has started and not ended, or {@code null}: a plan runs once at a time
 * @param lastScheduledFor the schedule's latest instant that started a run or was skipped, or {@code null}
 * @param scheduleSince from when the current schedule applies (the plan created, its schedule changed, the plan resumed):
 *                      no instant before it is due
 * @param version the number of the plan's own facts folded into it (its ETag); its runs' start and end are not counted
 */
public record DrillPlan(DrillPlanId id, List<DrillPlanDefinition> versions, boolean enabled, String pausedReason,
                        String createdBy, Instant createdAt, Instant updatedAt, DrillRunId activeRun,
                        Instant lastScheduledFor, Instant scheduleSince, long version) {

    /** Nothing has been created under this id. */
    public static final DrillPlan EMPTY = new DrillPlan(null, List.of(), false, null, null, null, null, null, null, null, 0);

    public DrillPlan {
        // List.copyOf returns an immutable list as it is: the events that do not revise the plan copy nothing.
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    public boolean created() {
        return id != null;
    }

    /** The current definition. */
    public DrillPlanDefinition definition() {
        return versions.isEmpty() ? null : versions.getLast();
    }

    /** The plan version: how many definitions it has had. */
    public int planVersion() {
        return versions.size();
    }

    /** The definition of plan version {@code n}, or {@code null} when it never had one. */
    public DrillPlanDefinition definitionAt(int n) {
        return n >= 1 && n <= versions.size() ? versions.get(n - 1) : null;
    }
}

package io.firedrill.application.port.in.drill;

import java.util.concurrent.CompletableFuture;

/**
 * The drill scheduler: starts the runs that enabled plans' schedules make due, or records why a due instant starts
 * none (a blackout, a run still going, no instance up within the grace period). Every instance may run it: each
 * instant of a plan starts at most one run, decided by the plan's own events.
 */
public interface DrillScheduling {

    /** Starts what is due now; the future ends when every due plan has had its turn, with how many were due. */
    CompletableFuture<Integer> startDue();
}

package io.firedrill.application.port.in.drill;

import java.util.concurrent.CompletableFuture;

/**
 * The drill runner: advances every running drill run by what its steps need now (begin the next step, reveal an
 * inject and open the drill incident, record a checkpoint, end a wait, probe). Every instance may run it: what a run
 * has done is in its events, and a step recorded twice is recorded once.
 */
public interface DrillRunAutomation {

    /** Advances every running run once; the future ends when each has had its turn, with how many were running. */
    CompletableFuture<Integer> advanceRunning();
}

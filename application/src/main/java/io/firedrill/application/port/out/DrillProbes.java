package io.firedrill.application.port.out;

import io.firedrill.domain.drill.DrillStep.HttpProbe;
import io.firedrill.domain.drill.DrillStep.PrometheusQuery;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The probes of drill steps, run off the event loop: each attempt has the step's timeout, and attempts are repeated
 * every interval until one passes or {@code budget} has run out. The future always completes with an answer (a
 * failure is an answer that did not pass, with what went wrong as its evidence).
 */
public interface DrillProbes {

    /** Calls the probe's URL until its answer has the expected status (and text), within {@code budget}. */
    CompletableFuture<Answer> http(HttpProbe probe, Duration budget);

    /** Asks {@code prometheus} the query until its value compares as the step says, within {@code budget}. */
    CompletableFuture<Answer> prometheus(URI prometheus, PrometheusQuery query, Duration budget);

    /**
     * What the last attempt found.
     *
     * @param evidence what was seen, for the run's log ({@code HTTP 200 in 35 ms; body contains "ok"; 3 attempts})
     * @param markerAt the instant the probe's {@code markerPointer} named in the answer, or {@code null}
     */
    record Answer(boolean passed, String evidence, Instant markerAt) {
    }
}

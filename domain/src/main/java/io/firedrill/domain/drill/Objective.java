package io.firedrill.domain.drill;

import java.time.Duration;

/**
 * What a run is scored against. Time objectives are measured from the fault's start (the run's
 * {@code FAULT_STARTED} checkpoint, or its start when the plan has none) and have a {@code target} duration;
 * {@code STEPS_COMPLETED} has a {@code percent} target. How a measured value maps to points, and which objectives a
 * run must meet to pass, is the score definition's business, not the plan's.
 */
public record Objective(Kind kind, Duration target, Integer percent) {

    /** The objectives a plan can set, each at most once. */
    public enum Kind {
        /** Fault start to the drill incident opened (or its first alert). */
        DETECTION(true, true),
        /** Fault start to the drill incident acknowledged. */
        ACKNOWLEDGEMENT(true, true),
        /** Fault start to a commander assigned. */
        COMMANDER_ASSIGNED(true, true),
        /** Fault start to the first status update posted. */
        FIRST_STATUS_UPDATE(true, true),
        /** Fault start to the drill incident mitigated. */
        MITIGATION(true, true),
        /** Recovery time: fault start to the service verified healthy by a step marking {@code SERVICE_RESTORED}. */
        RTO(true, false),
        /** Recovery point: the fault's start minus the last durable write a probe read ({@code markerPointer}). */
        RPO(true, false),
        /** The share of steps that passed. */
        STEPS_COMPLETED(false, false);

        private final boolean timed;
        private final boolean incident;

        Kind(boolean timed, boolean incident) {
            this.timed = timed;
            this.incident = incident;
        }

        /** Whether its target is a duration (else a percentage). */
        public boolean timed() {
            return timed;
        }

        /** Whether it is measured from the drill incident's own events. */
        public boolean incident() {
            return incident;
        }
    }

    static final Duration MAX_TARGET = Duration.ofDays(7);

    public Objective {
        Fields.notNull(kind, "kind");
        if (kind.timed()) {
            Fields.duration(target, "target", Duration.ofSeconds(1), MAX_TARGET);
            if (percent != null) {
                throw new IllegalArgumentException("percent is only for STEPS_COMPLETED; " + kind + " takes a target duration");
            }
        } else {
            if (target != null) {
                throw new IllegalArgumentException("target is a duration for time objectives; STEPS_COMPLETED takes a percent");
            }
            Fields.notNull(percent, "percent");
            if (percent < 1 || percent > 100) {
                throw new IllegalArgumentException("percent must be between 1 and 100");
            }
        }
    }
}

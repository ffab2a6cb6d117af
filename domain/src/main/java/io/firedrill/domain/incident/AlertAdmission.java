package io.firedrill.domain.incident;

import java.util.Objects;

/**
 * Whether an incident takes a batch of alerts: a rejection is a value here, so a policy (alert grouping's join or
 * declare) can branch on it without catching anything; {@link IncidentDecider#decide} throws the same violation.
 */
public sealed interface AlertAdmission {

    /** The incident takes the alerts. */
    record Admitted() implements AlertAdmission {
    }

    /**
     * The incident takes no new alerts: it is closed ({@code INCIDENT_CLOSED}), or a new firing alert meets an incident
     * that is neither detected nor being mitigated ({@code ALERT_NEEDS_OPEN_INCIDENT}), or it was never declared.
     */
    record Refused(IncidentRuleViolation violation) implements AlertAdmission {

        public Refused {
            Objects.requireNonNull(violation, "violation");
        }
    }

    /** Whether the alerts were admitted. */
    default boolean admitted() {
        return this instanceof Admitted;
    }
}

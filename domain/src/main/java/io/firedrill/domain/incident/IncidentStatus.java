package io.firedrill.domain.incident;

/** Where an incident is in its life. Acknowledgement is a milestone, not a status. */
public enum IncidentStatus {
    /** Declared; nobody is mitigating yet. */
    DETECTED,
    /** Responders are working on it (also after a regression reopened it). */
    MITIGATING,
    /** Customer impact is over; a review is due. */
    RECOVERED,
    /** The postmortem was published; closed, only notes may still be added. */
    REVIEWED,
    /** Closed as a duplicate of another incident; terminal, nothing more can be recorded. */
    DUPLICATE;

    /** Whether the incident is closed (REVIEWED or DUPLICATE). */
    public boolean isTerminal() {
        return this == REVIEWED || this == DUPLICATE;
    }
}

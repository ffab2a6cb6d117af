package io.firedrill.domain.incident;

/** What a person does in an incident response. */
public enum ResponderRole {
    /** Runs the response and makes the calls; exactly one, changed only by handing over command. */
    COMMANDER,
    /** Keeps the timeline. */
    SCRIBE,
    /** Talks to stakeholders and customers. */
    COMMUNICATIONS,
    /** Works on the problem. */
    RESPONDER,
    /** Follows along. */
    OBSERVER
}

package io.firedrill.domain.alert;

/** What happens to an incident once every alert it holds has resolved. */
public enum AutoResolvePolicy {
    /** The integration resolves the incident (it moves to RECOVERED); this is not an acknowledgement. */
    RESOLVE_INCIDENT,
    /** A note records that every alert resolved; people decide when the incident is over. */
    NOTE_ONLY
}

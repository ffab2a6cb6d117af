package io.firedrill.domain.drill;

/** A person taking part in a drill and their role in it. */
public record Participant(String name, Role role) {

    /** The roles of a game day. */
    public enum Role { FACILITATOR, COMMANDER, RESPONDER, COMMUNICATIONS, SCRIBE, OBSERVER }

    public Participant {
        name = Fields.text(name, "name", 200);
        Fields.notNull(role, "role");
    }
}

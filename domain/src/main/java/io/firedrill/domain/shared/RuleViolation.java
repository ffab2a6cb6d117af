package io.firedrill.domain.shared;

import java.io.Serial;
import java.util.Map;

/**
 * A command that is well formed but breaks a rule of its concept in the current state: a rejection, with a stable
 * code for clients (mapped to 409 with the code in problem+json) and a message naming the details. Each concept has
 * one subclass with its own rules.
 */
public abstract class RuleViolation extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    protected RuleViolation(String message) {
        super(message);
    }

    /** The rule's stable code, e.g. {@code ILLEGAL_TRANSITION}. */
    public abstract String code();

    /** The rule in one sentence. */
    public abstract String sentence();

    /** The request fields the violation is about, each with what is wrong with it (without the field's name). */
    public Map<String, String> problemFields() {
        return Map.of();
    }
}

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

    /** A rule of a concept: a stable code for clients and the rule in one sentence (each concept's rules are an enum). */
    public interface Rule {

        /** The stable code, e.g. {@code ILLEGAL_TRANSITION}. */
        String code();

        /** The rule in one sentence. */
        String sentence();
    }

    private final transient Rule rule;

    protected RuleViolation(Rule rule, String message) {
        super(message);
        this.rule = java.util.Objects.requireNonNull(rule, "rule");
    }

    /** The rule the command broke. */
    public Rule rule() {
        return rule;
    }

    /** The rule's stable code, e.g. {@code ILLEGAL_TRANSITION}. */
    public final String code() {
        return rule.code();
    }

    /** The rule in one sentence. */
    public final String sentence() {
        return rule.sentence();
    }

    /** The request fields the violation is about, each with what is wrong with it (without the field's name). */
    public Map<String, String> problemFields() {
        return Map.of();
    }
}

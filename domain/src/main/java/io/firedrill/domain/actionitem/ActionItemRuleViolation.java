package io.firedrill.domain.actionitem;

import io.firedrill.domain.shared.RuleViolation;
import java.util.Map;

/** A command the action item's rules do not allow, with a stable code. */
public final class ActionItemRuleViolation extends RuleViolation {

    /** The rules of an action item, each with a stable code (its name) and a sentence. */
    public enum Rule implements RuleViolation.Rule {
        ACTION_ITEM_ALREADY_CREATED("An action item with this id has already been created."),
        ACTION_ITEM_NOT_CREATED("No action item with this id has been created."),
        ILLEGAL_TRANSITION("The action item's current status does not allow this command."),
        DUE_DATE_BEFORE_CREATION("An action item cannot be due before the day it was created."),
        DUE_DATE_IN_PAST("A due date cannot be moved to a day that has already passed.");

        private final String sentence;

        Rule(String sentence) {
            this.sentence = sentence;
        }

        public String code() {
            return name();
        }

        public String sentence() {
            return sentence;
        }
    }

    private final Rule rule;

    public ActionItemRuleViolation(Rule rule, String message) {
        super(rule, message);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }

    @Override
    public Map<String, String> problemFields() {
        return switch (rule) {
            case DUE_DATE_BEFORE_CREATION, DUE_DATE_IN_PAST -> Map.of("dueDate", rule.sentence());
            default -> Map.of();
        };
    }
}

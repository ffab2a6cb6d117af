package io.firedrill.domain.drill;

import io.firedrill.domain.shared.RuleViolation;

/** A command the drill plan's rules do not allow, with a stable code. */
public final class DrillPlanRuleViolation extends RuleViolation {

    /** The rules of a drill plan, each with a stable code (its name) and a sentence. */
    public enum Rule implements RuleViolation.Rule {
        DRILL_PLAN_ALREADY_CREATED("A drill plan with this id has already been created."),
        DRILL_PLAN_NOT_CREATED("No drill plan with this id has been created."),
        DRILL_RUN_ACTIVE("A plan runs once at a time: its current run must end before another starts.");

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

    public DrillPlanRuleViolation(Rule rule, String message) {
        super(rule, message);
    }
}

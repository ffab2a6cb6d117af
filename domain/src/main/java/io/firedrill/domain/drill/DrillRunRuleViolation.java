package io.firedrill.domain.drill;

import io.firedrill.domain.shared.RuleViolation;
import java.util.Map;

/** A command the drill run's rules do not allow, with a stable code. */
public final class DrillRunRuleViolation extends RuleViolation {

    /** The rules of a drill run, each with a stable code (its name) and a sentence. */
    public enum Rule implements RuleViolation.Rule {
        DRILL_RUN_NOT_STARTED("No drill run with this id has been started."),
        DRILL_RUN_ENDED("The drill run has ended; its steps and outcome no longer change."),
        STEP_NOT_CURRENT("Steps run in order: only the step that runs now can be begun or confirmed."),
        STEP_NOT_MANUAL("Only MANUAL steps are confirmed by a person; the runner records the others."),
        STEP_IS_MANUAL("A MANUAL step is confirmed by a person, not recorded by the runner."),
        INCIDENT_ALREADY_LINKED("The run already has its drill incident."),
        STEPS_NOT_DONE("A run is scored once its steps are done or it has ended."),
        RUN_NOT_SCORED("A run is reviewed once it has ended and been scored."),
        RUN_ALREADY_REVIEWED("The run has been reviewed already.");

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

    public DrillRunRuleViolation(Rule rule, String message) {
        super(rule, message);
        this.rule = rule;
    }

    @Override
    public Map<String, String> problemFields() {
        return rule == Rule.STEP_NOT_CURRENT || rule == Rule.STEP_NOT_MANUAL ? Map.of("step", rule.sentence()) : Map.of();
    }
}

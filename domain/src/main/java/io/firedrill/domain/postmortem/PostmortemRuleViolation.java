package io.firedrill.domain.postmortem;

import io.firedrill.domain.shared.RuleViolation;
import java.io.Serial;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command that is well formed but not allowed by the postmortem's rules in its current state. It carries
 * a {@link Rule} with a stable code for clients (the REST layer maps it to 409 with the code in
 * problem+json); a refused publication also names every missing part as a field error.
 */
public final class PostmortemRuleViolation extends RuleViolation {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The rules of a postmortem; codes are stable and part of the API. */
    public enum Rule implements RuleViolation.Rule {
        POSTMORTEM_NOT_DRAFTED("No postmortem with this id has been drafted."),
        ALREADY_DRAFTED("The incident's postmortem has already been drafted."),
        INCIDENT_NOT_RECOVERED("A postmortem can be drafted only once the incident is recovered."),
        NOT_EDITABLE("Sections can be edited only in draft, and a published postmortem does not change."),
        ILLEGAL_TRANSITION("The postmortem's current status does not allow this command."),
        SELF_APPROVAL("The submitter of a postmortem cannot approve it."),
        NOT_APPROVED("A postmortem can be published only after at least one reviewer approved it."),
        PUBLISH_PRECONDITIONS_UNMET(
                "Publishing needs a summary, a direct cause, at least one why, and every action linked to an action item or waived with a reason.");

        private final String sentence;

        Rule(String sentence) {
            this.sentence = sentence;
        }

        /** The stable code clients match on, for example {@code "SELF_APPROVAL"}. */
        public String code() {
            return name();
        }

        /** A human sentence stating the rule. */
        public String sentence() {
            return sentence;
        }
    }

    private final Rule rule;
    private final Map<String, String> fieldErrors;

    public PostmortemRuleViolation(Rule rule, String message) {
        this(rule, message, Map.of());
    }

    private PostmortemRuleViolation(Rule rule, String message, Map<String, String> fieldErrors) {
        super(rule, message);
        this.rule = rule;
        this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    }

    /** The rule the command broke. */
    public Rule rule() {
        return rule;
    }

    /** For {@link Rule#PUBLISH_PRECONDITIONS_UNMET}: the missing fields ({@code summary}, {@code actions[2]}...). */
    public List<String> missing() {
        return List.copyOf(fieldErrors.keySet());
    }

    /** For {@link Rule#PUBLISH_PRECONDITIONS_UNMET}: each missing field with a message starting with its name. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    /** Each missing part, with its message less the field's name it starts with. */
    @Override
    public Map<String, String> problemFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fieldErrors.forEach((field, message) -> fields.put(field, message.substring(field.length()).strip()));
        return fields;
    }

    static PostmortemRuleViolation publishPreconditionsUnmet(Map<String, String> fieldErrors) {
        return new PostmortemRuleViolation(Rule.PUBLISH_PRECONDITIONS_UNMET,
                "The postmortem cannot be published yet: " + String.join("; ", fieldErrors.values()) + ".",
                fieldErrors);
    }
}

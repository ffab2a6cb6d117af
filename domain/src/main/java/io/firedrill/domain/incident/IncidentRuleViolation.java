package io.firedrill.domain.incident;

import io.firedrill.domain.shared.RuleViolation;
import java.io.Serial;
import java.time.Instant;
import java.util.Map;

/**
 * A command that is well formed but not allowed by the incident's rules in its current state. It carries
 * a {@link Rule} with a stable code for clients (the REST layer maps it to 409 with the code in
 * problem+json) and a message that names the details.
 */
public final class IncidentRuleViolation extends RuleViolation {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The rules of an incident; codes are stable and part of the API. */
    public enum Rule implements RuleViolation.Rule {
        INCIDENT_ALREADY_DECLARED("An incident with this id has already been declared."),
        INCIDENT_NOT_DECLARED("No incident with this id has been declared."),
        ILLEGAL_TRANSITION("The incident's current status does not allow this command."),
        /**
         * Reserved code for clients: the {@link IncidentCommand.ReopenIncident} constructor already refuses a
         * blank reason with an {@link IllegalArgumentException} naming the field {@code reason}.
         */
        REOPEN_REQUIRES_REASON("Reopening an incident requires a reason."),
        /** Raised by the application layer, which knows whether the postmortem is published. */
        REVIEW_REQUIRES_PUBLISHED_POSTMORTEM("An incident can be marked reviewed only when its postmortem is published."),
        OCCURRED_IN_FUTURE("A fact cannot have happened after it is recorded."),
        OCCURRED_BEFORE_DETECTION("A fact about an incident cannot have happened before the incident was detected."),
        OCCURRED_BEFORE_PREVIOUS_MILESTONE(
                "A status change cannot be dated before the milestone it follows (for example a resolution before mitigation started)."),
        DUPLICATE_OF_ITSELF("An incident cannot be a duplicate of itself."),
        INCIDENT_CLOSED("The incident is closed: a reviewed incident accepts only notes, a duplicate nothing."),
        RESPONDER_UNKNOWN("That person is not a responder of this incident."),
        COMMANDER_CANNOT_BE_REMOVED("The commander cannot be removed; hand over command first."),
        COMMANDER_ONLY_BY_HANDOVER("The commander role is given or taken only by handing over command."),
        CORRECTION_OUT_OF_ORDER(
                "A corrected time must keep the milestones in order: detected, acknowledged, mitigation started, resolved."),
        MILESTONE_NOT_REACHED("Only a milestone the incident has reached can be corrected."),
        ALERT_NEEDS_OPEN_INCIDENT("A new firing alert can join only an incident that is detected or being mitigated.");

        private final String sentence;

        Rule(String sentence) {
            this.sentence = sentence;
        }

        /** The stable code clients match on, for example {@code "ILLEGAL_TRANSITION"}. */
        public String code() {
            return name();
        }

        /** A human sentence stating the rule. */
        public String sentence() {
            return sentence;
        }
    }

    private final Rule rule;

    public IncidentRuleViolation(Rule rule, String message) {
        super(rule, message);
        this.rule = rule;
    }

    /** The rule the command broke. */
    public Rule rule() {
        return rule;
    }

    /** A time in the future names the field of its message's first word; times before a milestone, occurredAt. */
    @Override
    public Map<String, String> problemFields() {
        return switch (rule) {
            case OCCURRED_IN_FUTURE -> Map.of(getMessage().substring(0, getMessage().indexOf(' ')), rule.sentence());
            case OCCURRED_BEFORE_DETECTION, OCCURRED_BEFORE_PREVIOUS_MILESTONE -> Map.of("occurredAt", rule.sentence());
            default -> Map.of();
        };
    }

    public static IncidentRuleViolation alreadyDeclared(IncidentId id) {
        return new IncidentRuleViolation(Rule.INCIDENT_ALREADY_DECLARED, "Incident " + id + " has already been declared.");
    }

    public static IncidentRuleViolation notDeclared(IncidentId id) {
        return new IncidentRuleViolation(Rule.INCIDENT_NOT_DECLARED, "Incident " + id + " has not been declared.");
    }

    /** The message names the command and the status it was refused in. */
    public static IncidentRuleViolation illegalTransition(IncidentStatus from, IncidentCommand command) {
        return new IncidentRuleViolation(Rule.ILLEGAL_TRANSITION,
                command.getClass().getSimpleName() + " is not allowed when the incident is " + from + ".");
    }

    public static IncidentRuleViolation closed(IncidentStatus status, IncidentCommand command) {
        return new IncidentRuleViolation(Rule.INCIDENT_CLOSED,
                command.getClass().getSimpleName() + " is not allowed: the incident is closed (" + status + ").");
    }

    public static IncidentRuleViolation reviewRequiresPublishedPostmortem(IncidentId id, String postmortemId) {
        return new IncidentRuleViolation(Rule.REVIEW_REQUIRES_PUBLISHED_POSTMORTEM,
                "Incident " + id + " cannot be marked reviewed: postmortem " + postmortemId + " is not published.");
    }

    static IncidentRuleViolation inFuture(String what, Instant at, Instant now) {
        return new IncidentRuleViolation(Rule.OCCURRED_IN_FUTURE,
                what + " " + at + " is after the recording instant " + now + ".");
    }

    static IncidentRuleViolation beforeDetection(Instant at, Instant detectedAt) {
        return new IncidentRuleViolation(Rule.OCCURRED_BEFORE_DETECTION,
                "occurredAt " + at + " is before the incident was detected at " + detectedAt + ".");
    }

    static IncidentRuleViolation beforePreviousMilestone(IncidentCommand command, Instant at, String milestone,
                                                         Instant milestoneAt) {
        return new IncidentRuleViolation(Rule.OCCURRED_BEFORE_PREVIOUS_MILESTONE,
                command.getClass().getSimpleName() + " at " + at + " would be before " + milestone + " at "
                        + milestoneAt + ".");
    }

    static IncidentRuleViolation duplicateOfItself(IncidentId id) {
        return new IncidentRuleViolation(Rule.DUPLICATE_OF_ITSELF, "Incident " + id + " cannot duplicate itself.");
    }

    static IncidentRuleViolation responderUnknown(String name) {
        return new IncidentRuleViolation(Rule.RESPONDER_UNKNOWN, "'" + name + "' is not a responder of this incident.");
    }

    static IncidentRuleViolation commanderCannotBeRemoved(String name) {
        return new IncidentRuleViolation(Rule.COMMANDER_CANNOT_BE_REMOVED,
                "'" + name + "' is the commander and cannot be removed; hand over command first.");
    }

    static IncidentRuleViolation commanderOnlyByHandover(String name) {
        return new IncidentRuleViolation(Rule.COMMANDER_ONLY_BY_HANDOVER,
                "The commander role of '" + name + "' changes only by handing over command.");
    }

    static IncidentRuleViolation correctionOutOfOrder(TimedMilestone milestone, Instant correctedTo, boolean before,
                                                      String other, Instant otherAt) {
        return new IncidentRuleViolation(Rule.CORRECTION_OUT_OF_ORDER,
                milestone + " corrected to " + correctedTo + " would be " + (before ? "before " : "after ") + other
                        + " (" + otherAt + ").");
    }

    public static IncidentRuleViolation alertNeedsOpenIncident(IncidentId id, IncidentStatus status, String fingerprint) {
        return new IncidentRuleViolation(Rule.ALERT_NEEDS_OPEN_INCIDENT,
                "Alert " + fingerprint + " is firing anew, but incident " + id + " is " + status + ".");
    }

    static IncidentRuleViolation milestoneNotReached(TimedMilestone milestone) {
        return new IncidentRuleViolation(Rule.MILESTONE_NOT_REACHED,
                "The incident has not reached " + milestone + " (or a reopen cleared it), so it cannot be corrected.");
    }
}

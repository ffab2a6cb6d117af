package io.firedrill.domain.incident;

import io.firedrill.domain.alert.Alert;
import io.firedrill.domain.alert.AutoResolvePolicy;
import io.firedrill.domain.incident.IncidentCommand.AcknowledgeIncident;
import io.firedrill.domain.incident.IncidentCommand.AddNote;
import io.firedrill.domain.incident.IncidentCommand.AddResponder;
import io.firedrill.domain.incident.IncidentCommand.ChangeSeverity;
import io.firedrill.domain.incident.IncidentCommand.CloseAsDuplicate;
import io.firedrill.domain.incident.IncidentCommand.CorrectMilestoneTime;
import io.firedrill.domain.incident.IncidentCommand.DeclareIncident;
import io.firedrill.domain.incident.IncidentCommand.HandOverCommand;
import io.firedrill.domain.incident.IncidentCommand.MarkReviewed;
import io.firedrill.domain.incident.IncidentCommand.PostStatusUpdate;
import io.firedrill.domain.incident.IncidentCommand.RecordAlerts;
import io.firedrill.domain.incident.IncidentCommand.RemoveResponder;
import io.firedrill.domain.incident.IncidentCommand.ReopenIncident;
import io.firedrill.domain.incident.IncidentCommand.ResolveIncident;
import io.firedrill.domain.incident.IncidentCommand.StartMitigation;
import io.firedrill.domain.incident.IncidentEvent.AlertReceived;
import io.firedrill.domain.incident.IncidentEvent.CommanderHandedOver;
import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentClosedAsDuplicate;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentReopened;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.IncidentReviewed;
import io.firedrill.domain.incident.IncidentEvent.MilestoneTimeCorrected;
import io.firedrill.domain.incident.IncidentEvent.MitigationStarted;
import io.firedrill.domain.incident.IncidentEvent.NoteAdded;
import io.firedrill.domain.incident.IncidentEvent.ResponderAdded;
import io.firedrill.domain.incident.IncidentEvent.ResponderRemoved;
import io.firedrill.domain.incident.IncidentEvent.SeverityDowngraded;
import io.firedrill.domain.incident.IncidentEvent.SeverityEscalated;
import io.firedrill.domain.incident.IncidentEvent.StatusUpdatePosted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules of an incident as two pure functions: {@link #decide} (command and state to events, or an
 * {@link IncidentRuleViolation}) and {@link #evolve} (state and event to the next state).
 *
 * <p>Lifecycle: DETECTED → MITIGATING (start mitigation) → RECOVERED (resolve, also straight from DETECTED)
 * → REVIEWED (mark reviewed); RECOVERED → MITIGATING again by a reopen (a regression); any open status →
 * DUPLICATE. Acknowledgement is a milestone, not a status; starting mitigation or resolving an
 * unacknowledged incident acknowledges it implicitly with its own {@link IncidentAcknowledged}.
 *
 * <p>A repeated request that would change nothing (a retry) decides no events instead of failing.
 */
public final class IncidentDecider {

    private IncidentDecider() {
    }

    /**
     * Decides what a command means for an incident.
     *
     * @param now the recording instant: every event's {@code recordedAt}, and the {@code occurredAt} of a
     *     command that does not give one
     * @return the new events, empty when the command changes nothing
     * @throws IncidentRuleViolation when the rules do not allow the command
     */
    public static List<IncidentEvent> decide(IncidentCommand command, Incident state, Instant now) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(now, "now");
        boolean declaring = command instanceof DeclareIncident;
        if (!declaring) {
            if (!state.declared()) {
                throw IncidentRuleViolation.notDeclared(command.incidentId());
            }
            if (!state.id().equals(command.incidentId())) {
                throw new IllegalArgumentException(
                        "incidentId " + command.incidentId() + " does not match the state of incident " + state.id());
            }
            if (command instanceof CloseAsDuplicate close && close.original().equals(state.id())) {
                throw IncidentRuleViolation.duplicateOfItself(state.id());
            }
            if (state.closed()) {
                return decideOnClosed(command, state, now);
            }
        }
        // A declaration and received alerts carry their own instants; every other fact may be backdated.
        Instant at = declaring || command instanceof RecordAlerts ? now : occurredAt(command, state, now);
        IncidentStatus status = state.status();
        return switch (command) {
            case DeclareIncident c -> declare(c, state, now);
            case RecordAlerts c -> recordAlerts(c, state, now);
            case AcknowledgeIncident c when state.acknowledged() -> List.of();
            case AcknowledgeIncident c -> List.of(new IncidentAcknowledged(c.incidentId(), c.by(), at, now));
            case StartMitigation c when status == IncidentStatus.MITIGATING -> List.of();
            case StartMitigation c when status != IncidentStatus.DETECTED ->
                    throw IncidentRuleViolation.illegalTransition(status, c);
            case StartMitigation c -> {
                notBefore(c, at, "ACKNOWLEDGED", state.acknowledgedAt());
                yield withImplicitAcknowledgement(state, c, at, now,
                        new MitigationStarted(c.incidentId(), c.by(), c.note(), at, now));
            }
            case ResolveIncident c when status == IncidentStatus.RECOVERED -> List.of();
            case ResolveIncident c -> {
                notBefore(c, at, "ACKNOWLEDGED", state.acknowledgedAt());
                notBefore(c, at, "MITIGATED", state.mitigatedAt());
                notBefore(c, at, "the reopen", state.reopenedAt());
                yield withImplicitAcknowledgement(state, c, at, now,
                        new IncidentResolved(c.incidentId(), c.by(), c.note(), at, now));
            }
            case ReopenIncident c when status != IncidentStatus.RECOVERED ->
                    throw IncidentRuleViolation.illegalTransition(status, c);
            case ReopenIncident c -> {
                notBefore(c, at, "RESOLVED", state.resolvedAt());
                yield List.of(new IncidentReopened(c.incidentId(), c.by(), c.reason(), at, now));
            }
            case ChangeSeverity c when c.severity() == state.severity() -> List.of();
            case ChangeSeverity c when c.severity().isHigherThan(state.severity()) -> List.of(
                    new SeverityEscalated(c.incidentId(), c.by(), state.severity(), c.severity(), c.reason(), at, now));
            case ChangeSeverity c -> List.of(
                    new SeverityDowngraded(c.incidentId(), c.by(), state.severity(), c.severity(), c.reason(), at, now));
            case HandOverCommand c when c.commander().equals(state.commander()) -> List.of();
            case HandOverCommand c -> List.of(new CommanderHandedOver(
                    c.incidentId(), c.by(), state.commander(), c.commander(), c.reason(), at, now));
            case AddResponder c -> addResponder(c, state, at, now);
            case RemoveResponder c when c.name().equals(state.commander()) ->
                    throw IncidentRuleViolation.commanderCannotBeRemoved(c.name());
            case RemoveResponder c when !state.responders().containsKey(c.name()) ->
                    throw IncidentRuleViolation.responderUnknown(c.name());
            case RemoveResponder c -> List.of(new ResponderRemoved(c.incidentId(), c.by(), c.name(), at, now));
            case AddNote c -> List.of(new NoteAdded(c.incidentId(), c.by(), c.text(), c.key(), at, now));
            case PostStatusUpdate c ->
                    List.of(new StatusUpdatePosted(c.incidentId(), c.by(), c.audience(), c.text(), at, now));
            case CloseAsDuplicate c -> {
                notBefore(c, at, "ACKNOWLEDGED", state.acknowledgedAt());
                notBefore(c, at, "MITIGATED", state.mitigatedAt());
                notBefore(c, at, "RESOLVED", state.resolvedAt());
                notBefore(c, at, "the reopen", state.reopenedAt());
                yield List.of(new IncidentClosedAsDuplicate(c.incidentId(), c.by(), c.original(), at, now));
            }
            case CorrectMilestoneTime c -> correct(c, state, at, now);
            case MarkReviewed c when status != IncidentStatus.RECOVERED ->
                    throw IncidentRuleViolation.illegalTransition(status, c);
            case MarkReviewed c -> {
                notBefore(c, at, "RESOLVED", state.resolvedAt());
                yield List.of(new IncidentReviewed(c.incidentId(), c.by(), c.postmortemId(), at, now));
            }
        };
    }

    /**
     * The next state after {@code event}; increments {@link Incident#version()}.
     *
     * <p>Order-tolerant, so that folding facts in occurred-at order gives sensible states: the earliest
     * acknowledgement and mitigation start win, a late-folded mitigation start does not move a resolved
     * incident back to MITIGATING, and nothing moves a closed incident out of its terminal status.
     *
     * @throws IllegalStateException for a declaration of a declared incident or any other event before one
     */
    public static Incident evolve(Incident state, IncidentEvent event) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(event, "event");
        if (event instanceof IncidentDeclared declared) {
            if (state.declared()) {
                throw new IllegalStateException("incident " + state.id() + " is declared twice");
            }
            return declared(declared, state.version() + 1);
        }
        if (!state.declared()) {
            throw new IllegalStateException(event.getClass().getSimpleName() + " before the incident was declared");
        }
        IncidentDraft s = new IncidentDraft(state);
        apply(s, event);
        return s.build();
    }

    /**
     * Folds {@code events} into {@code state} in the given order, like {@link #evolve} one by one, but with
     * one mutable copy for the whole run: evolving event by event copies the state's maps for every event,
     * which for an incident holding thousands of alerts is quadratic.
     */
    public static Incident fold(Incident state, List<? extends IncidentEvent> events) {
        Incident current = state;
        IncidentDraft draft = null;
        for (IncidentEvent event : events) {
            if (draft == null && !current.declared()) {
                current = evolve(current, event); // the declaration, or the rule violation of anything else
            } else {
                // One copy of a declared incident's maps for the whole run (commands on an incident holding
                // thousands of alerts fold their few new events over its cached state).
                if (draft == null) {
                    draft = new IncidentDraft(current);
                }
                Objects.requireNonNull(event, "event");
                apply(draft, event);
            }
        }
        return draft == null ? current : draft.build();
    }

    /** Applies a non-declaration event to a declared incident's draft and counts it. */
    private static void apply(IncidentDraft s, IncidentEvent event) {
        switch (event) {
            case IncidentDeclared e -> throw new IllegalStateException("incident " + s.id + " is declared twice");
            case IncidentAcknowledged e -> s.acknowledgedAt = earliest(s.acknowledgedAt, e.occurredAt());
            case MitigationStarted e -> {
                s.mitigatedAt = earliest(s.mitigatedAt, e.occurredAt());
                if (s.status == IncidentStatus.DETECTED) {
                    s.status = IncidentStatus.MITIGATING;
                }
            }
            case IncidentResolved e -> {
                s.resolvedAt = e.occurredAt();
                if (!s.status.isTerminal()) {
                    s.status = IncidentStatus.RECOVERED;
                }
            }
            case IncidentReopened e -> {
                s.resolvedAt = null;
                s.reopenedAt = e.occurredAt();
                s.regressions++;
                if (!s.status.isTerminal()) {
                    s.status = IncidentStatus.MITIGATING;
                }
            }
            case SeverityEscalated e -> s.severity = e.to();
            case SeverityDowngraded e -> s.severity = e.to();
            case CommanderHandedOver e -> {
                if (e.from() != null && s.responders.containsKey(e.from())) {
                    s.responders.put(e.from(), ResponderRole.RESPONDER);
                }
                s.responders.put(e.to(), ResponderRole.COMMANDER);
                s.commander = e.to();
            }
            case ResponderAdded e -> s.responders.put(e.name(), e.role());
            case ResponderRemoved e -> s.responders.remove(e.name());
            case NoteAdded e -> {
                // A note is part of the timeline but changes no field of the state.
            }
            case StatusUpdatePosted e -> {
                // A status update is part of the timeline but changes no field of the state.
            }
            case IncidentClosedAsDuplicate e -> {
                s.status = IncidentStatus.DUPLICATE;
                s.duplicateOf = e.original();
                s.closedAsDuplicateAt = e.occurredAt();
            }
            case MilestoneTimeCorrected e -> {
                switch (e.milestone()) {
                    case DETECTED -> s.detectedAt = e.correctedTo();
                    case ACKNOWLEDGED -> s.acknowledgedAt = e.correctedTo();
                    case MITIGATED -> s.mitigatedAt = e.correctedTo();
                    case RESOLVED -> s.resolvedAt = e.correctedTo();
                }
            }
            case AlertReceived e -> s.changedAlerts().put(e.alert().fingerprint(),
                    new TrackedAlert(e.alert().startsAt(), e.alert().status()));
            case IncidentReviewed e -> {
                s.status = IncidentStatus.REVIEWED;
                s.reviewedAt = e.occurredAt();
                s.postmortemId = e.postmortemId();
            }
        }
        s.version++;
    }

    /** Folds {@code events} in the given order, starting from {@link Incident#EMPTY}. */
    public static Incident fold(List<? extends IncidentEvent> events) {
        return fold(Incident.EMPTY, events);
    }

    private static List<IncidentEvent> declare(DeclareIncident c, Incident state, Instant now) {
        if (state.declared()) {
            throw IncidentRuleViolation.alreadyDeclared(state.id());
        }
        Instant at = c.occurredAt() == null ? now : c.occurredAt();
        if (at.isAfter(now)) {
            throw IncidentRuleViolation.inFuture("occurredAt", at, now);
        }
        Instant detectedAt = c.detectedAt() == null ? at : c.detectedAt();
        if (detectedAt.isAfter(now)) {
            throw IncidentRuleViolation.inFuture("detectedAt", detectedAt, now);
        }
        if (at.isBefore(detectedAt)) {
            throw IncidentRuleViolation.beforeDetection(at, detectedAt);
        }
        String commander = c.commander() == null ? c.by().name() : c.commander();
        return List.of(new IncidentDeclared(c.incidentId(), c.by(), c.number(), c.title(), c.summary(), c.severity(),
                c.services(), commander, c.tags(), detectedAt, c.drill(), at, now));
    }

    /** A reviewed incident accepts only notes; a duplicate nothing. Retries of the closing command change nothing. */
    private static List<IncidentEvent> decideOnClosed(IncidentCommand command, Incident state, Instant now) {
        IncidentStatus status = state.status();
        if (status == IncidentStatus.REVIEWED && command instanceof AddNote note) {
            Instant at = occurredAt(note, state, now);
            return List.of(new NoteAdded(note.incidentId(), note.by(), note.text(), note.key(), at, now));
        }
        if (status == IncidentStatus.REVIEWED && command instanceof MarkReviewed review
                && review.postmortemId().equals(state.postmortemId())) {
            return List.of();
        }
        if (status == IncidentStatus.DUPLICATE && command instanceof CloseAsDuplicate close
                && close.original().equals(state.duplicateOf())) {
            return List.of();
        }
        throw IncidentRuleViolation.closed(status, command);
    }

    /**
     * Whether the incident takes {@code alerts}, as {@link #decide} of a {@code RecordAlerts} would judge them: a
     * closed (reviewed, duplicate) or undeclared incident takes none, and a new firing alert (not a repeat or a
     * resolution of one it holds) needs an incident that is detected or being mitigated.
     */
    public static AlertAdmission admission(Incident state, List<Alert> alerts) {
        if (!state.declared()) {
            return new AlertAdmission.Refused(new IncidentRuleViolation(IncidentRuleViolation.Rule.INCIDENT_NOT_DECLARED,
                    "No incident has been declared to take the alerts."));
        }
        if (state.closed()) {
            return new AlertAdmission.Refused(new IncidentRuleViolation(IncidentRuleViolation.Rule.INCIDENT_CLOSED,
                    "RecordAlerts is not allowed: the incident is closed (" + state.status() + ")."));
        }
        if (state.openForAlerts()) {
            return new AlertAdmission.Admitted();
        }
        Map<String, TrackedAlert> known = new LinkedHashMap<>(state.alerts());
        for (Alert alert : alerts) {
            TrackedAlert tracked = known.get(alert.fingerprint());
            AlertTracking.Meaning meaning = AlertTracking.meaning(tracked, alert);
            if (meaning == AlertTracking.Meaning.NEW_FIRING) {
                return new AlertAdmission.Refused(
                        IncidentRuleViolation.alertNeedsOpenIncident(state.id(), state.status(), alert.fingerprint()));
            }
            if (meaning != AlertTracking.Meaning.NOTHING_NEW) {
                known.put(alert.fingerprint(), AlertTracking.after(tracked, alert));
            }
        }
        return new AlertAdmission.Admitted();
    }

    /**
     * Alerts ({@link AlertTracking}): repeats and stale occurrences change nothing; a new firing alert needs an open incident and
     * escalates it when it is more severe; a resolution of a held alert is recorded (a recovered incident
     * too), and when it leaves no alert firing the integration's policy resolves the incident or notes the
     * fact. A closed incident (reviewed, duplicate) takes no alerts: see {@link #decideOnClosed}.
     * Alert facts are clamped into the incident's time line (never before detection, never in the future),
     * so that a late correction of the detection time cannot make a stored delivery unprocessable.
     */
    private static List<IncidentEvent> recordAlerts(RecordAlerts c, Incident state, Instant now) {
        if (admission(state, c.alerts()) instanceof AlertAdmission.Refused refused) {
            throw refused.violation();
        }
        Instant at = c.occurredAt() == null || c.occurredAt().isAfter(now) ? now : c.occurredAt();
        at = at.isBefore(state.detectedAt()) ? state.detectedAt() : at;
        Map<String, TrackedAlert> known = new LinkedHashMap<>(state.alerts());
        List<IncidentEvent> events = new ArrayList<>();
        Alert worst = null;
        Instant lastEnd = null;
        for (Alert alert : c.alerts()) {
            TrackedAlert tracked = known.get(alert.fingerprint());
            AlertTracking.Meaning meaning = AlertTracking.meaning(tracked, alert);
            switch (meaning) {
                case NOTHING_NEW -> {
                    continue;
                }
                case NEW_FIRING -> {
                    worst = worst == null || alert.severity().isHigherThan(worst.severity()) ? alert : worst;
                }
                case RESOLUTION -> lastEnd = lastEnd == null || alert.endsAt().isAfter(lastEnd) ? alert.endsAt() : lastEnd;
                case UNTRACKED_RESOLUTION -> {
                    // Recorded on the incident it was grouped with; it changes no firing alert.
                }
            }
            known.put(alert.fingerprint(), AlertTracking.after(tracked, alert));
            GroupingDecision decision = meaning == AlertTracking.Meaning.RESOLUTION
                    ? GroupingDecision.MATCHED_BY_FINGERPRINT : c.decision();
            events.add(new AlertReceived(c.incidentId(), c.by(), c.integrationId(), alert, c.groupingRule(),
                    c.groupingKey(), decision, at, now));
        }
        if (worst != null && worst.severity().isHigherThan(state.severity())) {
            events.add(new SeverityEscalated(c.incidentId(), c.by(), state.severity(), worst.severity(),
                    "alert " + worst.name() + " (" + worst.fingerprint() + "): " + worst.severityReason(), at, now));
        }
        boolean noneFiring = known.values().stream().noneMatch(TrackedAlert::firing);
        if (lastEnd != null && noneFiring && state.openForAlerts()) {
            events.add(allResolved(c, state, known.size(), lastEnd, at, now));
        }
        return events;
    }

    private static IncidentEvent allResolved(RecordAlerts c, Incident state, int alerts, Instant lastEnd, Instant at,
                                             Instant now) {
        String all = alerts == 1 ? "Its alert has resolved" : "All " + alerts + " of its alerts have resolved";
        if (c.autoResolve() == AutoResolvePolicy.NOTE_ONLY) {
            return new NoteAdded(c.incidentId(), c.by(), all + "; the integration's policy NOTE_ONLY leaves the"
                    + " incident open.", false, at, now);
        }
        Instant resolvedAt = lastEnd;
        for (Instant bound : new Instant[] {state.detectedAt(), state.acknowledgedAt(), state.mitigatedAt(),
                state.reopenedAt()}) {
            resolvedAt = bound != null && resolvedAt.isBefore(bound) ? bound : resolvedAt;
        }
        resolvedAt = resolvedAt.isAfter(now) ? now : resolvedAt;
        return new IncidentResolved(c.incidentId(), c.by(), all + " (the last at " + lastEnd
                + "); resolved by the integration's policy RESOLVE_INCIDENT.", resolvedAt, now);
    }

    private static Instant occurredAt(IncidentCommand command, Incident state, Instant now) {
        Instant at = command.occurredAt() == null ? now : command.occurredAt();
        if (at.isAfter(now)) {
            throw IncidentRuleViolation.inFuture("occurredAt", at, now);
        }
        if (at.isBefore(state.detectedAt())) {
            throw IncidentRuleViolation.beforeDetection(at, state.detectedAt());
        }
        return at;
    }

    private static void notBefore(IncidentCommand command, Instant at, String milestone, Instant milestoneAt) {
        if (milestoneAt != null && at.isBefore(milestoneAt)) {
            throw IncidentRuleViolation.beforePreviousMilestone(command, at, milestone, milestoneAt);
        }
    }

    private static List<IncidentEvent> withImplicitAcknowledgement(Incident state, IncidentCommand c, Instant at,
                                                                   Instant now, IncidentEvent event) {
        if (state.acknowledged()) {
            return List.of(event);
        }
        return List.of(new IncidentAcknowledged(c.incidentId(), c.by(), at, now), event);
    }

    private static List<IncidentEvent> addResponder(AddResponder c, Incident state, Instant at, Instant now) {
        boolean isCommander = c.name().equals(state.commander());
        if (isCommander != (c.role() == ResponderRole.COMMANDER)) {
            throw IncidentRuleViolation.commanderOnlyByHandover(c.name());
        }
        if (c.role() == state.responders().get(c.name())) {
            return List.of();
        }
        return List.of(new ResponderAdded(c.incidentId(), c.by(), c.name(), c.role(), at, now));
    }

    private static List<IncidentEvent> correct(CorrectMilestoneTime c, Incident state, Instant at, Instant now) {
        Instant previous = state.milestoneAt(c.milestone());
        if (previous == null) {
            throw IncidentRuleViolation.milestoneNotReached(c.milestone());
        }
        Instant to = c.correctedTo();
        if (to.isAfter(now)) {
            throw IncidentRuleViolation.inFuture("correctedTo", to, now);
        }
        if (to.equals(previous)) {
            return List.of();
        }
        Map<String, Instant> earlier = new LinkedHashMap<>();
        Map<String, Instant> later = new LinkedHashMap<>();
        switch (c.milestone()) {
            case DETECTED -> {
                later.put("declared", state.declaredAt());
                later.put("ACKNOWLEDGED", state.acknowledgedAt());
                later.put("MITIGATED", state.mitigatedAt());
                later.put("RESOLVED", state.resolvedAt());
                later.put("reopened", state.reopenedAt());
            }
            case ACKNOWLEDGED -> {
                earlier.put("DETECTED", state.detectedAt());
                later.put("MITIGATED", state.mitigatedAt());
                later.put("RESOLVED", state.resolvedAt());
                later.put("reopened", state.reopenedAt());
            }
            case MITIGATED -> {
                earlier.put("DETECTED", state.detectedAt());
                earlier.put("ACKNOWLEDGED", state.acknowledgedAt());
                later.put("RESOLVED", state.resolvedAt());
                later.put("reopened", state.reopenedAt());
            }
            case RESOLVED -> {
                earlier.put("DETECTED", state.detectedAt());
                earlier.put("ACKNOWLEDGED", state.acknowledgedAt());
                earlier.put("MITIGATED", state.mitigatedAt());
                earlier.put("reopened", state.reopenedAt());
            }
        }
        earlier.forEach((name, bound) -> {
            if (bound != null && to.isBefore(bound)) {
                throw IncidentRuleViolation.correctionOutOfOrder(c.milestone(), to, true, name, bound);
            }
        });
        later.forEach((name, bound) -> {
            if (bound != null && to.isAfter(bound)) {
                throw IncidentRuleViolation.correctionOutOfOrder(c.milestone(), to, false, name, bound);
            }
        });
        return List.of(new MilestoneTimeCorrected(c.incidentId(), c.by(), c.milestone(), previous, to, c.reason(),
                at, now));
    }

    private static Incident declared(IncidentDeclared e, long version) {
        Map<String, ResponderRole> responders = new LinkedHashMap<>();
        responders.put(e.commander(), ResponderRole.COMMANDER);
        return new Incident(e.incidentId(), e.number(), e.title(), e.summary(), e.severity(), IncidentStatus.DETECTED,
                e.services(), e.commander(), responders, e.tags(), e.drill(), e.detectedAt(), e.occurredAt(), null,
                null, null, null, null, null, null, null, 0, Map.of(), version);
    }

    private static Instant earliest(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }
}

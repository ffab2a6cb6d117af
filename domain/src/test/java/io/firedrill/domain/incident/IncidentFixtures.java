package io.firedrill.domain.incident;

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
import io.firedrill.domain.incident.IncidentCommand.RemoveResponder;
import io.firedrill.domain.incident.IncidentCommand.ReopenIncident;
import io.firedrill.domain.incident.IncidentCommand.ResolveIncident;
import io.firedrill.domain.incident.IncidentCommand.StartMitigation;
import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentClosedAsDuplicate;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentReopened;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.IncidentReviewed;
import io.firedrill.domain.incident.IncidentEvent.MitigationStarted;
import io.firedrill.domain.incident.IncidentEvent.ResponderAdded;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Ids, actors, instants and ready-made histories for the incident tests. */
final class IncidentFixtures {

    static final IncidentId ID = IncidentId.of("6f1c2f9e-3b1a-4c55-9d0e-1a2b3c4d5e6f");
    static final IncidentId ORIGINAL = IncidentId.of("0a1b2c3d-0000-4000-8000-000000000001");
    static final IncidentId ANOTHER = IncidentId.of("0a1b2c3d-0000-4000-8000-000000000002");
    static final IncidentNumber NUMBER = IncidentNumber.of(2026, 42);
    static final Actor ALICE = Actor.user("alice");
    static final Actor BOB = Actor.user("bob");
    static final String TITLE = "Checkout returns 500";
    static final List<String> SERVICES = List.of("checkout");

    /** Detection of the standard incident. */
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private IncidentFixtures() {
    }

    /** {@code minutes} after {@link #T0}. */
    static Instant t(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static DeclareIncident declare(Instant occurredAt) {
        return new DeclareIncident(ID, NUMBER, TITLE, null, Severity.P1, SERVICES, null, Set.of(), null, false,
                ALICE, occurredAt);
    }

    static IncidentDeclared declared(Instant at) {
        return declared(Severity.P1, at);
    }

    static IncidentDeclared declared(Severity severity, Instant at) {
        return new IncidentDeclared(ID, ALICE, NUMBER, TITLE, null, severity, SERVICES, "alice", Set.of(), at, false,
                at, at);
    }

    static IncidentAcknowledged acknowledged(Instant at) {
        return new IncidentAcknowledged(ID, ALICE, at, at);
    }

    static MitigationStarted mitigationStarted(Instant at) {
        return new MitigationStarted(ID, ALICE, null, at, at);
    }

    static IncidentResolved resolved(Instant at) {
        return new IncidentResolved(ID, ALICE, null, at, at);
    }

    static IncidentReopened reopened(Instant at) {
        return new IncidentReopened(ID, ALICE, "errors are back", at, at);
    }

    static IncidentReviewed reviewed(Instant at) {
        return new IncidentReviewed(ID, ALICE, "pm-1", at, at);
    }

    static IncidentClosedAsDuplicate closedAsDuplicate(Instant at) {
        return new IncidentClosedAsDuplicate(ID, ALICE, ORIGINAL, at, at);
    }

    static ResponderAdded responderAdded(String name, ResponderRole role, Instant at) {
        return new ResponderAdded(ID, ALICE, name, role, at, at);
    }

    /** Declared at T0, nothing else. */
    static IncidentEvent[] detected() {
        return new IncidentEvent[] {declared(T0)};
    }

    /** Declared at T0, acknowledged at +2 min. */
    static IncidentEvent[] acknowledgedHistory() {
        return new IncidentEvent[] {declared(T0), acknowledged(t(2))};
    }

    /** Declared at T0, acknowledged at +2 min, mitigating since +5 min. */
    static IncidentEvent[] mitigating() {
        return new IncidentEvent[] {declared(T0), acknowledged(t(2)), mitigationStarted(t(5))};
    }

    /** Mitigating, then resolved at +30 min. */
    static IncidentEvent[] recovered() {
        return new IncidentEvent[] {declared(T0), acknowledged(t(2)), mitigationStarted(t(5)), resolved(t(30))};
    }

    /** Recovered, then reopened at +40 min. */
    static IncidentEvent[] reopenedHistory() {
        return new IncidentEvent[] {declared(T0), acknowledged(t(2)), mitigationStarted(t(5)), resolved(t(30)),
            reopened(t(40))};
    }

    /** Recovered, then reviewed with postmortem {@code pm-1} a day later. */
    static IncidentEvent[] reviewedHistory() {
        return new IncidentEvent[] {declared(T0), acknowledged(t(2)), mitigationStarted(t(5)), resolved(t(30)),
            reviewed(t(24 * 60))};
    }

    /** Declared at T0 and closed as a duplicate of {@link #ORIGINAL} at +3 min. */
    static IncidentEvent[] duplicateHistory() {
        return new IncidentEvent[] {declared(T0), closedAsDuplicate(t(3))};
    }

    /**
     * One command of every kind except the declaration, all meant for {@link #ID}, none matching a retry of
     * the closing command of {@link #reviewedHistory()} or {@link #duplicateHistory()}.
     */
    static Stream<IncidentCommand> everyCommandButDeclare() {
        return Stream.of(
                new AcknowledgeIncident(ID, BOB, null),
                new StartMitigation(ID, BOB, "rolling back", null),
                new ResolveIncident(ID, BOB, "rolled back", null),
                new ReopenIncident(ID, BOB, "errors are back", null),
                new ChangeSeverity(ID, BOB, Severity.P0, "all regions", null),
                new HandOverCommand(ID, BOB, "bob", null, null),
                new AddResponder(ID, BOB, "carol", ResponderRole.SCRIBE, null),
                new RemoveResponder(ID, BOB, "carol", null),
                new AddNote(ID, BOB, "a note", false, null),
                new PostStatusUpdate(ID, BOB, Audience.EXTERNAL, "we are on it", null),
                new CloseAsDuplicate(ID, BOB, ANOTHER, null),
                new CorrectMilestoneTime(ID, BOB, TimedMilestone.DETECTED, T0.minusSeconds(60), "alert fired earlier",
                        null),
                new MarkReviewed(ID, BOB, "pm-other", null),
                AlertFixtures.record(null, AlertFixtures.firing("fp-new", Severity.P1, T0)));
    }
}

package io.firedrill.domain.postmortem;

import io.firedrill.domain.alert.Alert;
import io.firedrill.domain.alert.AlertStatus;
import io.firedrill.domain.incident.Audience;
import io.firedrill.domain.incident.GroupingDecision;
import io.firedrill.domain.incident.IncidentEvent.AlertReceived;
import io.firedrill.domain.incident.IncidentEvent.CommanderHandedOver;
import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.MilestoneTimeCorrected;
import io.firedrill.domain.incident.IncidentEvent.MitigationStarted;
import io.firedrill.domain.incident.IncidentEvent.NoteAdded;
import io.firedrill.domain.incident.IncidentEvent.ResponderAdded;
import io.firedrill.domain.incident.IncidentEvent.SeverityEscalated;
import io.firedrill.domain.incident.IncidentEvent.StatusUpdatePosted;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentNumber;
import io.firedrill.domain.incident.ResponderRole;
import io.firedrill.domain.incident.TimedMilestone;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A realistic incident and its stored log for the postmortem tests. INC-2026-0042 was detected at 10:00
 * (T0) and declared P2 at 10:01 on checkout and payments; a first alert arrived at 10:02; bob acknowledged it
 * at 10:06 (corrected at 11:10 to 10:04); it was escalated to P1 at 10:08, a second alert came at 10:09,
 * command passed from alice to carol at 10:10, erin joined as scribe at 10:11, a key note at 10:20 and an
 * ordinary one at 10:21, an external status update at 10:22, mitigation started at 10:25 and it was
 * resolved at 11:05.
 */
final class PostmortemFixtures {

    static final IncidentId INCIDENT = IncidentId.of("6f1c2f9e-3b1a-4c55-9d0e-1a2b3c4d5e6f");
    static final PostmortemId ID = PostmortemId.forIncident(INCIDENT);
    static final Actor ALICE = Actor.user("alice");
    static final Actor BOB = Actor.user("bob");
    static final Actor CAROL = Actor.user("carol");
    static final Actor DAVE = Actor.user("dave");
    static final Actor PROMETHEUS = Actor.integration("prometheus-prod");
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    static final String DECLARED = "e01-declared";
    static final String FIRST_ALERT = "e02-alert";
    static final String ACKNOWLEDGED = "e03-ack";
    static final String ESCALATED = "e04-escalated";
    static final String LAST_ALERT = "e05-alert";
    static final String HANDED_OVER = "e06-handover";
    static final String ERIN_ADDED = "e07-responder";
    static final String KEY_NOTE = "e08-key-note";
    static final String PLAIN_NOTE = "e09-note";
    static final String STATUS_UPDATE = "e10-status";
    static final String MITIGATING = "e11-mitigation";
    static final String RESOLVED = "e12-resolved";
    static final String ACK_CORRECTED = "e13-ack-corrected";

    private PostmortemFixtures() {
    }

    static Instant t(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** The incident's log as stored, in order, up to and including the correction of the acknowledgement. */
    static List<SourcedFact> incidentLog() {
        return List.of(
                fact(DECLARED, new IncidentDeclared(INCIDENT, ALICE, IncidentNumber.of(2026, 42), "Checkout returns 500",
                        null, Severity.P2, List.of("checkout", "payments"), "alice", Set.of(), T0, false, t(1), t(1))),
                fact(FIRST_ALERT, alert("fp-1", "HighErrorRate", "5xx above 5% for 5 minutes", Severity.P2, t(2))),
                fact(ACKNOWLEDGED, new IncidentAcknowledged(INCIDENT, BOB, t(6), t(6))),
                fact(ESCALATED, new SeverityEscalated(INCIDENT, ALICE, Severity.P2, Severity.P1,
                        "payments affected too", t(8), t(8))),
                fact(LAST_ALERT, alert("fp-2", "HighLatency", null, Severity.P1, t(9))),
                fact(HANDED_OVER, new CommanderHandedOver(INCIDENT, ALICE, "alice", "carol", "alice is off shift",
                        t(10), t(10))),
                fact(ERIN_ADDED, new ResponderAdded(INCIDENT, CAROL, "erin", ResponderRole.SCRIBE, t(11), t(11))),
                fact(KEY_NOTE, new NoteAdded(INCIDENT, CAROL, "Errors began with the payments-api v42 deploy", true,
                        t(20), t(20))),
                fact(PLAIN_NOTE, new NoteAdded(INCIDENT, DAVE, "Looking at the dashboards", false, t(21), t(21))),
                fact(STATUS_UPDATE, new StatusUpdatePosted(INCIDENT, CAROL, Audience.EXTERNAL,
                        "We are investigating errors at checkout.", t(22), t(22))),
                fact(MITIGATING, new MitigationStarted(INCIDENT, CAROL, "rolling back payments-api to v41", t(25),
                        t(25))),
                fact(RESOLVED, new IncidentResolved(INCIDENT, CAROL, "error rate back to baseline", t(65), t(65))),
                fact(ACK_CORRECTED, new MilestoneTimeCorrected(INCIDENT, BOB, TimedMilestone.ACKNOWLEDGED, t(6), t(4),
                        "the page was acknowledged at 10:04", t(70), t(70))));
    }

    /** The log before the acknowledgement's correction was recorded. */
    static List<SourcedFact> logBeforeCorrection() {
        List<SourcedFact> log = new ArrayList<>(incidentLog());
        log.removeLast();
        return log;
    }

    static List<SourcedFact> plus(List<SourcedFact> log, SourcedFact... more) {
        List<SourcedFact> all = new ArrayList<>(log);
        all.addAll(List.of(more));
        return all;
    }

    static SourcedFact fact(String id, IncidentEvent event) {
        return new SourcedFact(id, event);
    }

    private static AlertReceived alert(String fingerprint, String name, String summary, Severity severity,
                                       Instant at) {
        Alert alert = new Alert(fingerprint, AlertStatus.FIRING, name, summary, severity,
                "severity=" + severity + " → " + severity, List.of("checkout"), Map.of("alertname", name), Map.of(),
                at, null, null);
        return new AlertReceived(INCIDENT, PROMETHEUS, "7d3e1c52-8a4b-4f0e-9c1d-2b3a4c5d6e7f", alert,
                "{alertname}/{service}", name + "/checkout", GroupingDecision.JOINED_BY_KEY, at, at);
    }
}

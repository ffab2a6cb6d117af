package io.firedrill.application.testing;

import static io.firedrill.application.testing.Contexts.ALICE;

import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentReopened;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.MitigationStarted;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentNumber;
import io.firedrill.domain.shared.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The standard incident of the application tests: INC-2026-0042, "Checkout returns 500", P1 on checkout, detected
 * and declared by alice at {@link #T0}; the clock of the tests stands at {@link #NOW}, the next morning.
 */
public final class Incidents {

    public static final IncidentId ID = IncidentId.of("6f1c2f9e-3b1a-4c55-9d0e-1a2b3c4d5e6f");
    public static final IncidentNumber NUMBER = IncidentNumber.of(2026, 42);
    public static final String TITLE = "Checkout returns 500";
    public static final List<String> SERVICES = List.of("checkout");
    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    public static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private Incidents() {
    }

    /** {@code minutes} after {@link #T0}. */
    public static Instant t(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    public static IncidentDeclared declared() {
        return new IncidentDeclared(ID, ALICE, NUMBER, TITLE, null, Severity.P1, SERVICES, "alice", Set.of(), T0, false,
                T0, T0);
    }

    public static IncidentAcknowledged acknowledged(Instant at) {
        return new IncidentAcknowledged(ID, ALICE, at, at);
    }

    public static MitigationStarted mitigationStarted(Instant at) {
        return new MitigationStarted(ID, ALICE, null, at, at);
    }

    public static IncidentResolved resolved(Instant at) {
        return new IncidentResolved(ID, ALICE, null, at, at);
    }

    public static IncidentReopened reopened(Instant at) {
        return new IncidentReopened(ID, ALICE, "errors are back", at, at);
    }

    /** Declared at T0, acknowledged at +2 min, mitigating from +5 min, resolved at +30 min. */
    public static List<IncidentEvent> recovered() {
        return List.of(declared(), acknowledged(t(2)), mitigationStarted(t(5)), resolved(t(30)));
    }
}

package io.firedrill.application.incident;

import io.firedrill.domain.incident.Incident;
import java.util.Objects;

/**
 * What a command did.
 *
 * @param incident the incident's state after the command; its {@code version} is the number of events in
 *     the incident's log
 * @param appended how many events the command appended; zero when it changed nothing (a retry)
 */
public record CommandOutcome(Incident incident, int appended) {

    public CommandOutcome {
        Objects.requireNonNull(incident, "incident");
    }

    /** Whether the command changed anything. */
    public boolean changed() {
        return appended > 0;
    }
}

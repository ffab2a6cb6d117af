package io.firedrill.application.port.in;

import java.util.Objects;

/**
 * What a command did.
 *
 * @param state the subject's state after the command (an incident, an action item, ...); its version is the
 *     number of events in the subject's log
 * @param appended how many events the command appended; zero when it changed nothing (a retry)
 * @param <S> the type of the state
 */
public record CommandOutcome<S>(S state, int appended) {

    public CommandOutcome {
        Objects.requireNonNull(state, "state");
    }

    /** Whether the command changed anything. */
    public boolean changed() {
        return appended > 0;
    }
}

package io.firedrill.application.port.in;

import java.io.Serial;

/**
 * A request ran, but its claim on the {@code Idempotency-Key} was no longer held when its response was to be stored
 * (its lease ran out and a repeat took the key over, or the record is gone): the response is not the one a repeat
 * gets, so it is not given. A fault, answered 503: the client's retry gets the response stored under the key, and
 * the command, if it was applied, is not applied again (its key and fingerprint stand on its events).
 */
public final class IdempotencyClaimLost extends Unavailable {

    @Serial
    private static final long serialVersionUID = 1L;

    public IdempotencyClaimLost() {
        super("the request's claim on its Idempotency-Key was taken over before its response was stored", 1);
    }
}

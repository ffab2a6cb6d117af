package io.firedrill.application.port.in.security;

import io.firedrill.application.port.in.NotFound;
import java.util.UUID;

/** No API token with this id exists in the caller's tenant. */
public final class TokenNotFound extends NotFound {

    public TokenNotFound(UUID id) {
        super("API token " + id + " does not exist.");
    }
}

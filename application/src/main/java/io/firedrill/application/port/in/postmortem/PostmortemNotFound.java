package io.firedrill.application.port.in.postmortem;

import io.firedrill.application.port.in.NotFound;
import java.io.Serial;

/** The incident has no postmortem (or the tenant has no such incident). */
public final class PostmortemNotFound extends NotFound {

    @Serial
    private static final long serialVersionUID = 1L;

    public PostmortemNotFound(String detail) {
        super(detail);
    }
}

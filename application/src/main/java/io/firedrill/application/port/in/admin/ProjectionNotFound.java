package io.firedrill.application.port.in.admin;

import io.firedrill.application.port.in.NotFound;
import java.io.Serial;
import java.util.List;

/** No event processor has this name: a 404 that lists the names there are. */
public final class ProjectionNotFound extends NotFound {

    @Serial
    private static final long serialVersionUID = 1L;

    public ProjectionNotFound(String name, List<String> names) {
        super("No event processor is named '" + name + "'; there are " + String.join(", ", names) + ".");
    }
}

package io.firedrill.application.port.in.notification;

import io.firedrill.application.port.in.NotFound;
import io.firedrill.domain.notification.RouteId;

/** No route with this id exists for the caller (also when it belongs to another tenant). */
public final class RouteNotFound extends NotFound {

    public RouteNotFound(RouteId id) {
        super("Notification route " + id + " does not exist.");
    }
}

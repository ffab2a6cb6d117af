package io.firedrill.application.port.in.notification;

import io.firedrill.application.port.in.VersionMismatch;

/** The route changed since the version the caller expected ({@code If-Match}). */
public final class RouteVersionMismatch extends VersionMismatch {

    public RouteVersionMismatch(long expected, long actual) {
        super("route", expected, actual, "The route is at version " + actual + ", not " + expected + ".");
    }
}

package io.firedrill.application.port.in.alert;

import io.firedrill.application.port.in.VersionMismatch;

/** The integration changed since the version the caller expected ({@code If-Match}). */
public final class IntegrationVersionMismatch extends VersionMismatch {

    public IntegrationVersionMismatch(long expected, long actual) {
        super("integration", expected, actual, "The integration is at version " + actual + ", not " + expected + ".");
    }
}

package io.firedrill.application.alert;

/** The integration changed since the version the caller expected ({@code If-Match}). */
public final class IntegrationVersionMismatch extends RuntimeException {

    public IntegrationVersionMismatch(long expected, long actual) {
        super("The integration is at version " + actual + ", not " + expected + ".");
    }
}

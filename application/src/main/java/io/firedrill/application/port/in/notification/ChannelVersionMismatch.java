package io.firedrill.application.port.in.notification;

import io.firedrill.application.port.in.VersionMismatch;

/** The channel changed since the version the caller expected ({@code If-Match}). */
public final class ChannelVersionMismatch extends VersionMismatch {

    public ChannelVersionMismatch(long expected, long actual) {
        super("channel", expected, actual, "The channel is at version " + actual + ", not " + expected + ".");
    }
}

package io.firedrill.application.port.in.notification;

import io.firedrill.application.port.in.VersionMismatch;

/** The template changed since the version the caller expected ({@code If-Match}). */
public final class TemplateVersionMismatch extends VersionMismatch {

    public TemplateVersionMismatch(long expected, long actual) {
        super("template", expected, actual, "The template is at version " + actual + ", not " + expected + ".");
    }
}

package io.firedrill.application.port.in;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How a use case's future failed. */
public final class Failures {

    private Failures() {
    }

    /** The exception a future failed with, without the wrappers the future machinery adds. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}

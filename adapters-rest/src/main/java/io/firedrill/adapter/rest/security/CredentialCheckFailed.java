package io.firedrill.adapter.rest.security;

import java.io.Serial;
import java.util.Optional;

/**
 * A credential could not be checked (its store did not answer): not a refusal of the credential, so the request is
 * answered as the fault its cause is (a 503), not 401, even when the security layer wraps it.
 */
final class CredentialCheckFailed extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    CredentialCheckFailed(Throwable cause) {
        super(cause);
    }

    /** The check failure in a chain of causes, if there is one. */
    static Optional<CredentialCheckFailed> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CredentialCheckFailed failed) {
                return Optional.of(failed);
            }
            if (cause instanceof io.smallrye.mutiny.CompositeException composite) {
                for (Throwable each : composite.getCauses()) {
                    Optional<CredentialCheckFailed> found = in(each);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        return Optional.empty();
    }
}

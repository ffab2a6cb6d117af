package io.firedrill.application.port.in.alert;

import java.io.Serial;

/** Signing keys cannot be sealed or opened: the operator has not configured the secrets key. */
public final class SecretsKeyMissing extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public SecretsKeyMissing(String message) {
        super(message);
    }
}

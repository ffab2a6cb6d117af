package io.firedrill.application.port.out;

import java.util.Optional;

/** Seals secrets under the operator's secrets key, so that a copy of the database alone reveals none. */
public interface SecretSealer {

    /**
     * The secret sealed.
     *
     * @throws io.firedrill.application.port.in.alert.SecretsKeyMissing when no secrets key is configured
     */
    String seal(String secret);

    /** The secret, or empty when it cannot be opened (no key, or another key than it was sealed with). */
    Optional<String> open(String sealed);
}

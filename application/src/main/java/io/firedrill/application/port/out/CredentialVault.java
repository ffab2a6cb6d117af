package io.firedrill.application.port.out;

import io.firedrill.application.port.in.alert.StoredCredential;
import io.firedrill.domain.alert.IntegrationKind;

/**
 * Issues and checks integration credentials. The secret is shown to the caller once, when issued; what
 * is stored ({@link StoredCredential}) never reveals it without the operator's key.
 */
public interface CredentialVault {

    /**
     * A new random secret for an integration of {@code kind}, and what to store of it.
     *
     * @throws io.firedrill.application.port.in.alert.SecretsKeyMissing for a kind whose secret must be sealed, when no
     *     secrets key is configured
     */
    Issued issue(IntegrationKind kind);

    /** Whether {@code presented} is the secret behind {@code stored}; in constant time. */
    boolean matches(StoredCredential stored, String presented);

    /**
     * Whether {@code signature} is the HMAC-SHA256 of {@code timestamp + "." + body} under the secret
     * behind {@code stored}; in constant time.
     */
    boolean signed(StoredCredential stored, String timestamp, byte[] body, String signature);

    /** A freshly issued secret; {@code secret} is never stored. */
    record Issued(String secret, StoredCredential stored) {

        @Override
        public String toString() {
            return "Issued[redacted]";
        }
    }
}

package io.firedrill.application.port.in.alert;

import java.util.Objects;

/**
 * An integration's credential as stored: never the secret itself. The receiving adapter decides what
 * these are (a hash of a bearer token; a sealed signing key) and is the only one that reads them.
 *
 * @param hash a one-way digest of the secret
 * @param sealed the secret encrypted under the operator's key, where verification needs the secret itself
 *     (signatures); {@code null} otherwise
 */
public record StoredCredential(String hash, String sealed) {

    public StoredCredential {
        Objects.requireNonNull(hash, "hash");
    }

    @Override
    public String toString() {
        return "StoredCredential[redacted]";
    }
}

package io.firedrill.domain.shared;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The tenant an object belongs to. Every fact is recorded for exactly one tenant, and a tenant never
 * sees another tenant's objects.
 *
 * @param value lower-case letters, digits and dashes, 1 to 63 characters, starting with a letter or digit
 */
public record TenantId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** The tenant of a single-tenant installation. */
    public static final TenantId DEFAULT = new TenantId("default");

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "tenant id must be 1-63 lower-case letters, digits or dashes, starting with a letter or digit: '"
                            + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

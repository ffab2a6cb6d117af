package io.firedrill.application.port.in.security;

import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One request as the audit log keeps it: who, what, on which object, when, from where, and how it ended. It links to
 * the facts a command recorded (the object's path and the version it answered) rather than copying them.
 *
 * @param chain the tenant whose chain it joins, or {@link #PLATFORM} (platform admins, refusals with no tenant)
 * @param actor who asked; {@code null} when no credential was accepted
 * @param credential how it authenticated ({@code token:<id>}, {@code oidc:<issuer>}), or {@code null}
 * @param endpoint the method and path template ({@code POST /api/v1/incidents/{id}/notes})
 * @param path the path asked for, naming the object
 * @param address the client's address
 * @param status the HTTP status answered (401 and 403 for refusals)
 * @param version the object's version after the request (its {@code ETag}), or {@code null}
 */
public record AuditEntry(String chain, Instant at, String actor, String credential, String endpoint, String path,
                         String address, int status, String version) {

    /** The platform's chain. */
    public static final String PLATFORM = "";

    public AuditEntry {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(path, "path");
        // as the database keeps it, so that a record read back hashes alike
        at = at.truncatedTo(ChronoUnit.MICROS);
        // control characters (a NUL from a request's path, which PostgreSQL refuses in text) written as a backslash, u
        // and four hex digits
        actor = printable(actor);
        credential = printable(credential);
        endpoint = printable(endpoint);
        path = printable(path);
        address = printable(address);
        version = printable(version);
    }

    private static String printable(String text) {
        if (text == null || text.chars().noneMatch(c -> c < 0x20 || c == 0x7f)) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        // the escaped text has no control character left: read back, it stays as it is (and hashes alike)
        text.chars().forEach(c -> escaped.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c)
                : String.valueOf((char) c)));
        return escaped.toString();
    }

    /** The chain of a tenant, or the platform's for {@code null}. */
    public static String chainOf(TenantId tenant) {
        return tenant == null ? PLATFORM : tenant.value();
    }
}

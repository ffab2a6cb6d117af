package io.firedrill.application.security;

import io.firedrill.application.port.in.security.AuditEntry;
import io.firedrill.application.port.in.security.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * How audit records are chained: a record's hash is the SHA-256 (hex) of the previous record's hash, its number and
 * every field, each written with its length so that no two records read alike.
 */
public final class AuditChain {

    private AuditChain() {
    }

    /** Records for {@code entries} after the record numbered {@code seq} whose hash is {@code hash}. */
    public static List<AuditRecord> link(long seq, String hash, List<AuditEntry> entries) {
        List<AuditRecord> records = new ArrayList<>(entries.size());
        long next = seq;
        String previous = hash;
        for (AuditEntry entry : entries) {
            next++;
            String own = hash(next, previous, entry);
            records.add(new AuditRecord(next, entry, previous, own));
            previous = own;
        }
        return records;
    }

    /** The hash a record must have. */
    public static String hash(long seq, String prevHash, AuditEntry entry) {
        StringBuilder text = new StringBuilder();
        for (Object field : new Object[] {prevHash, seq, entry.chain(), entry.at(), entry.actor(), entry.credential(),
                entry.endpoint(), entry.path(), entry.address(), entry.status(), entry.version()}) {
            String value = field == null ? "\u0000" : field.toString();
            text.append(value.length()).append(':').append(value).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

package io.firedrill.application.port.in.security;

/**
 * An audit entry in its chain: its number (1, 2, ... per chain, without gaps), the hash of the record before it
 * ({@code ""} for the first) and its own hash, the SHA-256 of both and every field.
 */
public record AuditRecord(long seq, AuditEntry entry, String prevHash, String hash) {
}

package io.firedrill.application.port.out;

import io.firedrill.application.port.in.security.AuditEntry;
import io.firedrill.application.port.in.security.AuditLog;
import io.firedrill.application.port.in.security.AuditRecord;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/** Where audit records are kept, one chain per tenant. */
public interface AuditTrail {

    /**
     * Appends entries to a chain in one transaction, holding the chain's head while {@code link} turns them into
     * records after the last one (its seq and hash, or 0 and {@code ""} for an empty chain).
     */
    CompletableFuture<Void> append(String chain, List<AuditEntry> entries,
                                   BiFunction<Long, String, List<AuditRecord>> link);

    /** Records of a chain after {@code query.afterSeq()}, oldest first, filtered, at most {@code query.limit()}. */
    CompletableFuture<List<AuditRecord>> page(String chain, AuditLog.Query query);

    /** The chain's last record as its head remembers it, empty for a chain never written. */
    CompletableFuture<Optional<Head>> head(String chain);

    /** The number and hash of a chain's last record. */
    record Head(long seq, String hash) {
    }
}

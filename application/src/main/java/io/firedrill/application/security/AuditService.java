package io.firedrill.application.security;

import io.firedrill.application.port.in.security.AuditEntry;
import io.firedrill.application.port.in.security.AuditLog;
import io.firedrill.application.port.in.security.AuditRecord;
import io.firedrill.application.port.out.AuditTrail;
import io.firedrill.domain.shared.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit log over its trail: entries wait in a bounded queue and are written in batches, one transaction per
 * chain; verification walks a chain page by page and compares it with its head.
 */
public final class AuditService implements AuditLog {

    /** The most entries waiting; beyond it entries are dropped and counted. */
    static final int QUEUE_LIMIT = 100_000;
    /** The most entries one flush takes. */
    static final int FLUSH_LIMIT = 5_000;
    private static final int PAGE = 1_000;

    private final AuditTrail trail;
    private final ConcurrentLinkedQueue<AuditEntry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private CompletableFuture<Integer> flushing = CompletableFuture.completedFuture(0);

    public AuditService(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public boolean record(AuditEntry entry) {
        if (queued.incrementAndGet() > QUEUE_LIMIT) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return false;
        }
        queue.add(entry);
        return true;
    }

    /** How many entries were dropped because the queue was full, since this instance started. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public synchronized CompletableFuture<Integer> flush() {
        // one flush at a time, so that a chain's entries are written in the order they were queued
        flushing = flushing.handle((ignored, failure) -> null).thenCompose(ignored -> flushQueued());
        return flushing;
    }

    private CompletableFuture<Integer> flushQueued() {
        Map<String, List<AuditEntry>> byChain = new LinkedHashMap<>();
        int taken = 0;
        AuditEntry entry;
        while (taken < FLUSH_LIMIT && (entry = queue.poll()) != null) {
            queued.decrementAndGet();
            byChain.computeIfAbsent(entry.chain(), chain -> new ArrayList<>()).add(entry);
            taken++;
        }
        CompletableFuture<Integer> written = CompletableFuture.completedFuture(0);
        List<Throwable> failures = new ArrayList<>();
        for (Map.Entry<String, List<AuditEntry>> chain : byChain.entrySet()) {
            written = written.thenCompose(count -> trail.append(chain.getKey(), chain.getValue(), (seq, hash) ->
                            AuditChain.link(seq, hash, chain.getValue()))
                    .handle((ok, failure) -> {
                        if (failure != null) {
                            // kept for the next flush (after entries queued meanwhile)
                            chain.getValue().forEach(this::record);
                            failures.add(failure);
                            return count;
                        }
                        return count + chain.getValue().size();
                    }));
        }
        return written.thenApply(count -> {
            if (!failures.isEmpty()) {
                throw new java.util.concurrent.CompletionException(failures.get(0));
            }
            return count;
        });
    }

    @Override
    public CompletableFuture<List<AuditRecord>> list(TenantId tenant, Query query) {
        return trail.page(AuditEntry.chainOf(tenant), query);
    }

    @Override
    public CompletableFuture<Verification> verify(TenantId tenant) {
        String chain = AuditEntry.chainOf(tenant);
        // the head first: records appended while the walk goes on are beyond it and not judged
        return trail.head(chain).thenCompose(head -> walk(chain, head.orElse(null), 0, "", 0));
    }

    private CompletableFuture<Verification> walk(String chain, AuditTrail.Head head, long seq, String hash, long checked) {
        return trail.page(chain, new Query(seq, PAGE, null, null, null, null, null)).thenCompose(page -> {
            long expected = seq + 1;
            String previous = hash;
            long count = checked;
            for (AuditRecord record : page) {
                if (head != null && record.seq() > head.seq()) {
                    break;
                }
                if (record.seq() != expected) {
                    return done(new Verification(false, count, expected, "record " + expected + " is missing: after "
                            + (expected - 1) + " the chain goes on with " + record.seq()));
                }
                if (!record.prevHash().equals(previous)) {
                    return done(new Verification(false, count, record.seq(), "record " + record.seq()
                            + " does not follow record " + (expected - 1) + ": that record or this one was changed"));
                }
                if (!AuditChain.hash(record.seq(), record.prevHash(), record.entry()).equals(record.hash())) {
                    return done(new Verification(false, count, record.seq(), "record " + record.seq()
                            + " was changed: its content does not match its hash"));
                }
                previous = record.hash();
                expected++;
                count++;
            }
            if (page.size() == PAGE && (head == null || expected - 1 < head.seq())) {
                return walk(chain, head, expected - 1, previous, count);
            }
            long last = expected - 1;
            if (head != null && head.seq() > last) {
                return done(new Verification(false, count, last + 1, "records " + (last + 1) + " to " + head.seq()
                        + " are missing: the chain's head remembers record " + head.seq()));
            }
            if (head != null && !head.hash().equals(previous)) {
                return done(new Verification(false, count, last, "record " + last
                        + " is not the one the chain's head remembers: it was changed"));
            }
            if (head == null && last > 0) {
                // the chain's first batch may have been written since the head was read: judge it against the head now
                long total = count;
                return trail.head(chain).thenCompose(now -> now.isPresent() ? walk(chain, now.get(), 0, "", 0)
                        : done(new Verification(false, total, last, "the chain's head is missing")));
            }
            return done(new Verification(true, count, null, null));
        });
    }

    private static CompletableFuture<Verification> done(Verification verification) {
        return CompletableFuture.completedFuture(verification);
    }
}

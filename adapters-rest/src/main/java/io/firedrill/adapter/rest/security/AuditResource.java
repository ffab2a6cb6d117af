package io.firedrill.adapter.rest.security;

import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.adapter.rest.support.Params;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.security.AuditLog;
import io.firedrill.application.port.in.security.AuditRecord;
import io.firedrill.domain.shared.TenantId;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The audit log: a tenant's chain for its admins ({@code /api/v1/audit}), the platform's chain for platform admins
 * ({@code /api/v1/platform/audit}); each with {@code /verify}, which walks the chain and reports its first break.
 * Both write what this instance has queued first.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditLog audit;

    @Context
    HttpHeaders headers;

    @Inject
    public AuditResource(UseCases useCases) {
        this.audit = useCases.get(AuditLog.class);
    }

    /** One audit record; {@code actor} and {@code credential} are {@code null} when no credential was accepted. */
    public record Entry(long seq, Instant at, String actor, String credential, String endpoint, String path,
                        String address, int status, String version, String prevHash, String hash) {
        static Entry of(AuditRecord record) {
            var e = record.entry();
            return new Entry(record.seq(), e.at(), e.actor(), e.credential(), e.endpoint(), e.path(), e.address(),
                    e.status(), e.version(), record.prevHash(), record.hash());
        }
    }

    /** A page of records, oldest first; {@code nextCursor} is {@code null} on the last page. */
    public record Page(List<Entry> items, String nextCursor) {
    }

    @GET
    @Path("audit")
    public CompletionStage<Page> tenant(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
                                        @QueryParam("actor") String actor, @QueryParam("endpoint") String endpoint,
                                        @QueryParam("status") String status, @QueryParam("from") String from,
                                        @QueryParam("to") String to) {
        return page(Caller.of(headers).tenant(), cursor, limit, actor, endpoint, status, from, to);
    }

    @GET
    @Path("audit/verify")
    public CompletionStage<AuditLog.Verification> verifyTenant() {
        TenantId tenant = Caller.of(headers).tenant();
        return flushed().thenCompose(ignored -> audit.verify(tenant));
    }

    @GET
    @Path("platform/audit")
    public CompletionStage<Page> platform(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
                                          @QueryParam("actor") String actor, @QueryParam("endpoint") String endpoint,
                                          @QueryParam("status") String status, @QueryParam("from") String from,
                                          @QueryParam("to") String to) {
        return page(null, cursor, limit, actor, endpoint, status, from, to);
    }

    @GET
    @Path("platform/audit/verify")
    public CompletionStage<AuditLog.Verification> verifyPlatform() {
        return flushed().thenCompose(ignored -> audit.verify(null));
    }

    private CompletionStage<Page> page(TenantId tenant, String cursor, String limit, String actor, String endpoint,
                                       String status, String from, String to) {
        int size = Params.limit(limit);
        AuditLog.Query query = new AuditLog.Query(after(cursor), size + 1, Params.text(actor, "actor"),
                Params.text(endpoint, "endpoint"), status(status), Params.instant(from, "from", false),
                Params.instant(to, "to", false));
        return flushed().thenCompose(ignored -> audit.list(tenant, query)).thenApply(records -> {
            List<Entry> items = records.stream().limit(size).map(Entry::of).toList();
            return new Page(items, records.size() > size ? String.valueOf(items.get(size - 1).seq()) : null);
        });
    }

    /** What this instance queued, written first; a chain that cannot be written now does not keep others from being read. */
    private java.util.concurrent.CompletableFuture<Void> flushed() {
        return audit.flush().handle((written, failure) -> null);
    }

    private static long after(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            long seq = Long.parseLong(cursor.strip());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BadRequest("cursor", "must be the nextCursor of a previous page, not " + cursor);
    }

    private static Integer status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int status = Integer.parseInt(value.strip());
            if (status >= 100 && status <= 599) {
                return status;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BadRequest("status", "must be an HTTP status such as 403, not " + value);
    }
}

package io.firedrill.adapter.rest.security;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.security.AuditEntry;
import io.firedrill.application.port.in.security.AuditLog;
import io.firedrill.application.port.in.security.Principal;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Queues an audit entry for every command and administrative change (any method but {@code GET} and {@code HEAD})
 * and for every refusal (401, 403) of the endpoints the {@link AccessFilter} governs, with the outcome. The alert
 * receivers are not audited here: what they accept is stored as facts of its own.
 */
public class AuditFilter {

    /** The endpoint's path template, set by the {@link AccessFilter} on every request it governs. */
    static final String TEMPLATE = "io.firedrill.audit.template";
    /** The request, whose client address is worked out only for a record. */
    static final String REQUEST = "io.firedrill.audit.request";
    static final String PRINCIPAL = "io.firedrill.audit.principal";

    private static final Logger LOG = Logger.getLogger(AuditFilter.class);

    private final UseCases useCases;
    private final AtomicLong lastDropWarning = new AtomicLong();

    @Inject
    public AuditFilter(UseCases useCases) {
        this.useCases = useCases;
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        Object template = request.getProperty(TEMPLATE);
        if (template == null) {
            return;
        }
        int status = response.getStatus();
        String method = request.getMethod();
        boolean change = !HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method);
        if (!change && status != 401 && status != 403) {
            return;
        }
        Principal principal = (Principal) request.getProperty(PRINCIPAL);
        HttpServerRequest sent = (HttpServerRequest) request.getProperty(REQUEST);
        AuditEntry entry = new AuditEntry(principal == null ? AuditEntry.PLATFORM : AuditEntry.chainOf(principal.tenant()),
                Instant.now(), principal == null ? null : principal.actor().name(),
                principal == null ? null : principal.credential(), method + " " + template,
                // as sent (%00 stays %00): the decoded path could hold characters the audit would have to escape
                sent.path(), AccessFilter.address(sent), status, etag(response.getHeaderString(HttpHeaders.ETAG)));
        if (!useCases.get(AuditLog.class).record(entry)) {
            long now = System.currentTimeMillis();
            long last = lastDropWarning.get();
            if (now - last > 60_000 && lastDropWarning.compareAndSet(last, now)) {
                LOG.error("The audit queue is full: audit entries are being dropped (the database does not keep up)");
            }
        }
    }

    private static String etag(String value) {
        return value == null ? null : value.replace("\"", "");
    }
}

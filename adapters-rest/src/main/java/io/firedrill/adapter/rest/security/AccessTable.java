package io.firedrill.adapter.rest.security;

import static io.firedrill.application.port.in.security.Role.ADMIN;
import static io.firedrill.application.port.in.security.Role.COMMANDER;
import static io.firedrill.application.port.in.security.Role.PLATFORM_ADMIN;
import static io.firedrill.application.port.in.security.Role.RESPONDER;
import static io.firedrill.application.port.in.security.Role.VIEWER;

import io.firedrill.application.port.in.security.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one table of who may call which endpoint, published in {@code docs/security.md}. Each endpoint (method and
 * path template as in the OpenAPI document) names the least role it needs; {@link Role#VIEWER} to
 * {@link Role#ADMIN} include the roles before them. An endpoint missing here is refused to everyone (and a test
 * fails the build). The alert receivers are not behind tokens: each authenticates its integration's own credential.
 */
public final class AccessTable {

    /** What an endpoint requires: a role, any authenticated principal, or an integration's own credential. */
    public sealed interface Access permits Needs, AnyPrincipal, IntegrationCredential {
    }

    /** At least this role in the caller's tenant ({@link Role#PLATFORM_ADMIN}: exactly that). */
    public record Needs(Role role) implements Access {
        public Needs {
            Objects.requireNonNull(role, "role");
        }
    }

    /** Any authenticated principal, whatever its roles (who am I). */
    public record AnyPrincipal() implements Access {
    }

    /** The integration's own credential, checked by the receiver (role {@code integration}). */
    public record IntegrationCredential() implements Access {
    }

    private static final Map<String, Access> TABLE = new LinkedHashMap<>();

    static {
        // incidents
        needs(VIEWER, "GET /api/v1/incidents", "GET /api/v1/incidents/{id}", "GET /api/v1/incidents/{id}/timeline",
                "GET /api/v1/incidents/{id}/replay", "GET /api/v1/incidents/{id}/replay/diff");
        needs(RESPONDER, "POST /api/v1/incidents", "POST /api/v1/incidents/{id}/acknowledge",
                "POST /api/v1/incidents/{id}/mitigate", "POST /api/v1/incidents/{id}/resolve",
                "POST /api/v1/incidents/{id}/reopen", "POST /api/v1/incidents/{id}/responders",
                "DELETE /api/v1/incidents/{id}/responders/{name}", "POST /api/v1/incidents/{id}/notes",
                "POST /api/v1/incidents/{id}/status-updates", "POST /api/v1/incidents/{id}/corrections",
                "POST /api/v1/incidents/{id}/review");
        needs(COMMANDER, "POST /api/v1/incidents/{id}/severity", "POST /api/v1/incidents/{id}/commander",
                "POST /api/v1/incidents/{id}/duplicate-of");
        // postmortems
        needs(VIEWER, "GET /api/v1/incidents/{id}/postmortem", "GET /api/v1/incidents/{id}/postmortem.md",
                "GET /api/v1/incidents/{id}/postmortem/replay", "GET /api/v1/incidents/{id}/postmortem/history");
        needs(RESPONDER, "POST /api/v1/incidents/{id}/postmortem", "PATCH /api/v1/incidents/{id}/postmortem",
                "POST /api/v1/incidents/{id}/postmortem/refresh", "POST /api/v1/incidents/{id}/postmortem/submit",
                "POST /api/v1/incidents/{id}/postmortem/approve", "POST /api/v1/incidents/{id}/postmortem/request-changes",
                "POST /api/v1/incidents/{id}/postmortem/publish");
        // action items
        needs(VIEWER, "GET /api/v1/action-items", "GET /api/v1/action-items/report", "GET /api/v1/action-items/{id}",
                "GET /api/v1/action-items/{id}/history");
        needs(RESPONDER, "POST /api/v1/action-items", "PATCH /api/v1/action-items/{id}",
                "POST /api/v1/action-items/{id}/start", "POST /api/v1/action-items/{id}/complete",
                "POST /api/v1/action-items/{id}/block", "POST /api/v1/action-items/{id}/cancel",
                "POST /api/v1/action-items/{id}/reopen");
        // metrics
        needs(VIEWER, "GET /api/v1/metrics/definitions", "GET /api/v1/metrics/summary", "GET /api/v1/metrics/trend");
        needs(ADMIN, "PUT /api/v1/metrics/definitions/{metric}");
        // drills
        needs(VIEWER, "GET /api/v1/drill-plans", "GET /api/v1/drill-plans/{id}", "GET /api/v1/drill-plans/{id}/history",
                "GET /api/v1/drill-plans/{id}/versions/{n}", "GET /api/v1/drill-plans/{id}/runs",
                "GET /api/v1/drill-runs", "GET /api/v1/drill-runs/{id}", "GET /api/v1/drill-runs/{id}/replay",
                "GET /api/v1/drill-runs/{id}/timeline", "GET /api/v1/drill-runs/{id}/report.md",
                "GET /api/v1/drills/score-definitions");
        needs(RESPONDER, "POST /api/v1/drill-runs/{id}/steps/{n}/confirm", "POST /api/v1/drill-runs/{id}/review");
        needs(COMMANDER, "POST /api/v1/drill-plans/{id}/runs", "POST /api/v1/drill-runs/{id}/abort",
                "POST /api/v1/drill-runs/{id}/score");
        needs(ADMIN, "POST /api/v1/drill-plans", "PATCH /api/v1/drill-plans/{id}", "POST /api/v1/drill-plans/{id}/pause",
                "POST /api/v1/drill-plans/{id}/resume");
        // integrations and their receivers
        needs(ADMIN, "POST /api/v1/integrations", "GET /api/v1/integrations", "GET /api/v1/integrations/{id}",
                "PATCH /api/v1/integrations/{id}", "POST /api/v1/integrations/{id}/secret",
                "DELETE /api/v1/integrations/{id}", "GET /api/v1/integrations/{id}/alerts");
        // notification channels (their destinations are credentials)
        needs(ADMIN, "POST /api/v1/notification-channels", "GET /api/v1/notification-channels",
                "GET /api/v1/notification-channels/{id}", "PATCH /api/v1/notification-channels/{id}",
                "POST /api/v1/notification-channels/{id}/secret", "DELETE /api/v1/notification-channels/{id}",
                "POST /api/v1/notification-channels/{id}/test");
        needs(ADMIN, "POST /api/v1/notification-routes", "GET /api/v1/notification-routes",
                "GET /api/v1/notification-routes/{id}", "PATCH /api/v1/notification-routes/{id}",
                "DELETE /api/v1/notification-routes/{id}", "POST /api/v1/notification-routes/match");
        needs(ADMIN, "GET /api/v1/notifications/deliveries", "POST /api/v1/notifications/deliveries/{id}/retry");
        needs(ADMIN, "GET /api/v1/notification-templates", "PUT /api/v1/notification-templates/{type}/{language}",
                "DELETE /api/v1/notification-templates/{type}/{language}", "POST /api/v1/notification-templates/preview");
        put(new IntegrationCredential(), "POST /api/v1/integrations/{id}/alertmanager",
                "POST /api/v1/integrations/{id}/grafana", "POST /api/v1/integrations/{id}/generic");
        // projections: installation-wide (every tenant's events), so not a tenant admin's
        needs(PLATFORM_ADMIN, "GET /api/v1/admin/projections", "GET /api/v1/admin/projections/{name}/parked",
                "POST /api/v1/admin/projections/{name}/rebuild", "POST /api/v1/admin/projections/{name}/parked/retry",
                "POST /api/v1/admin/projections/{name}/parked/{position}/discard");
        // the event stream: every fact of the tenant, as its timelines show them to viewers
        needs(VIEWER, "GET /api/v1/events/stream");
        // who am I, tokens, tenants
        put(new AnyPrincipal(), "GET /api/v1/me");
        needs(ADMIN, "POST /api/v1/tokens", "GET /api/v1/tokens", "GET /api/v1/tokens/{id}", "DELETE /api/v1/tokens/{id}");
        // audit: a tenant's chain for its admins, the platform's for platform admins
        needs(ADMIN, "GET /api/v1/audit", "GET /api/v1/audit/verify");
        needs(PLATFORM_ADMIN, "GET /api/v1/platform/audit", "GET /api/v1/platform/audit/verify");
        needs(PLATFORM_ADMIN, "POST /api/v1/platform/tokens", "GET /api/v1/platform/tokens",
                "GET /api/v1/platform/tokens/{id}", "DELETE /api/v1/platform/tokens/{id}");
        needs(PLATFORM_ADMIN, "POST /api/v1/tenants", "GET /api/v1/tenants", "GET /api/v1/tenants/{tenant}",
                "POST /api/v1/tenants/{tenant}/tokens", "GET /api/v1/tenants/{tenant}/tokens",
                "DELETE /api/v1/tenants/{tenant}/tokens/{id}");
    }

    private AccessTable() {
    }

    private static void needs(Role role, String... endpoints) {
        put(new Needs(role), endpoints);
    }

    private static void put(Access access, String... endpoints) {
        for (String endpoint : endpoints) {
            if (TABLE.put(endpoint, access) != null) {
                throw new IllegalStateException("the access table names " + endpoint + " twice");
            }
        }
    }

    /** What the endpoint requires; empty for an endpoint the table does not name (refused to everyone). */
    public static Optional<Access> of(String method, String pathTemplate) {
        String key = ("HEAD".equals(method) ? "GET" : method) + " " + pathTemplate;
        return Optional.ofNullable(TABLE.get(key));
    }

    /** Every endpoint of the table ({@code "POST /api/v1/incidents"}) and what it requires, in the table's order. */
    public static Map<String, Access> entries() {
        return java.util.Collections.unmodifiableMap(TABLE);
    }
}

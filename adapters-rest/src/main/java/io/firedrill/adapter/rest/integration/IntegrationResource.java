package io.firedrill.adapter.rest.integration;

import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.adapter.rest.support.Idempotency;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.alert.AlertTrack;
import io.firedrill.application.port.in.alert.Integration;
import io.firedrill.application.port.in.alert.IntegrationCatalog;
import io.firedrill.domain.alert.AutoResolvePolicy;
import io.firedrill.domain.alert.IntegrationId;
import io.firedrill.domain.alert.IntegrationKind;
import io.firedrill.domain.alert.IntegrationSettings;
import io.firedrill.domain.shared.Severity;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Alert integrations of the caller's tenant. The secret is in the 201 response of the creation and
 * nowhere else: it is stored only as a digest (and, for signing keys, sealed), so a creation cannot be
 * replayed under an {@code Idempotency-Key}; {@code POST /{id}/secret} replaces it the same way.
 * {@code PATCH} changes the given fields and keeps the others; {@code kind} cannot change.
 */
@Path("/api/v1/integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IntegrationResource {

    private final IntegrationCatalog catalog;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @Inject
    public IntegrationResource(UseCases useCases) {
        this.catalog = useCases.get(IntegrationCatalog.class);
    }

    /** The settings of an integration as sent: every field optional in a {@code PATCH}. */
    public record Settings(String name, IntegrationKind kind, String defaultService, String severityLabel,
                           Map<String, Severity> severityMapping, String groupingKey, AutoResolvePolicy autoResolve) {
    }

    /** An integration as the API shows it; {@code secret} only in the creation's answer. */
    public record Representation(String id, String name, IntegrationKind kind, String defaultService,
                                 String severityLabel, Map<String, Severity> severityMapping, String groupingKey,
                                 AutoResolvePolicy autoResolve, URI receiverUrl, long version, Instant createdAt,
                                 Instant updatedAt, String secret) {
    }

    /** A list of integrations. */
    public record Items<T>(List<T> items) {
    }

    /** What is known of one alert fingerprint of the integration. */
    public record AlertState(String fingerprint, String groupingKey, String status, Instant startsAt, String incidentId) {
    }

    @POST
    public CompletionStage<Response> create(Settings body) {
        Caller caller = Caller.of(headers);
        if (caller.idempotencyKey() != null) {
            throw new BadRequest(Idempotency.HEADER, "is not accepted here: the secret is shown only once, so a"
                    + " creation cannot be replayed; list the integrations to see whether it was created");
        }
        if (body == null) {
            throw new BadRequest("$", "a JSON body with the integration's settings is required");
        }
        IntegrationSettings settings = new IntegrationSettings(body.name(), body.kind(), body.defaultService(),
                body.severityLabel(), body.severityMapping(), body.groupingKey(), body.autoResolve());
        URI base = uri.getBaseUriBuilder().build();
        return catalog.create(caller.tenant(), settings).thenApply(created -> {
            Representation shown = representation(created.integration(), base, created.secret());
            return Response.created(base.resolve("api/v1/integrations/" + shown.id()))
                    .tag(String.valueOf(created.integration().version()))
                    .entity(shown).build();
        });
    }

    @GET
    public CompletionStage<Items<Representation>> list() {
        Caller caller = Caller.of(headers);
        URI base = uri.getBaseUriBuilder().build();
        return catalog.list(caller.tenant())
                .thenApply(list -> new Items<>(list.stream().map(i -> representation(i, base, null)).toList()));
    }

    @GET
    @Path("{id}")
    public CompletionStage<Response> get(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        URI base = uri.getBaseUriBuilder().build();
        return catalog.get(caller.tenant(), integrationId(id)).thenApply(integration -> Response
                .ok(representation(integration, base, null))
                .tag(String.valueOf(integration.version())).build());
    }

    @PATCH
    @Path("{id}")
    public CompletionStage<Response> change(@PathParam("id") String id, Settings body) {
        Caller caller = Caller.of(headers);
        if (body == null) {
            throw new BadRequest("$", "a JSON body with the fields to change is required");
        }
        URI base = uri.getBaseUriBuilder().build();
        return catalog.change(caller.tenant(), integrationId(id), current -> {
            if (body.kind() != null && body.kind() != current.kind()) {
                throw new IllegalArgumentException("kind cannot be changed; create another integration");
            }
            return new IntegrationSettings(
                    body.name() == null ? current.name() : body.name(),
                    current.kind(),
                    body.defaultService() == null ? current.defaultService() : body.defaultService(),
                    body.severityLabel() == null ? current.severityLabel() : body.severityLabel(),
                    body.severityMapping() == null ? current.severityMapping() : body.severityMapping(),
                    body.groupingKey() == null ? current.groupingKey() : body.groupingKey(),
                    body.autoResolve() == null ? current.autoResolve() : body.autoResolve());
        }, caller.ifMatch()).thenApply(integration -> Response.ok(representation(integration, base, null))
                .tag(String.valueOf(integration.version())).build());
    }

    /** A new secret, shown in this answer only; the old one stops working at once. */
    @POST
    @Path("{id}/secret")
    public CompletionStage<Response> rotateSecret(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        if (caller.idempotencyKey() != null) {
            throw new BadRequest(Idempotency.HEADER, "is not accepted here: the new secret is shown only once, so a"
                    + " rotation cannot be replayed; rotate again if the answer was lost");
        }
        URI base = uri.getBaseUriBuilder().build();
        return catalog.rotateSecret(caller.tenant(), integrationId(id), caller.ifMatch())
                .thenApply(rotated -> Response.ok(representation(rotated.integration(), base, rotated.secret()))
                        .tag(String.valueOf(rotated.integration().version())).build());
    }

    @DELETE
    @Path("{id}")
    public CompletionStage<Response> delete(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return catalog.delete(caller.tenant(), integrationId(id)).thenApply(ignored -> Response.noContent().build());
    }

    @GET
    @Path("{id}/alerts")
    public CompletionStage<Items<AlertState>> alerts(@PathParam("id") String id, @QueryParam("limit") Integer limit) {
        Caller caller = Caller.of(headers);
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 500) {
            throw new BadRequest("limit", "must be 1 to 500");
        }
        return catalog.alerts(caller.tenant(), integrationId(id), size)
                .thenApply(alerts -> new Items<>(alerts.stream().map(IntegrationResource::alertState).toList()));
    }

    private static AlertState alertState(AlertTrack track) {
        return new AlertState(track.fingerprint(), track.groupingKey(), track.known().status().name(),
                track.known().startsAt(), track.incident() == null ? null : track.incident().toString());
    }

    private static Representation representation(Integration integration, URI base, String secret) {
        IntegrationSettings s = integration.settings();
        URI receiver = base.resolve("api/v1/integrations/" + integration.id() + "/"
                + s.kind().name().toLowerCase(Locale.ROOT));
        return new Representation(integration.id().toString(), s.name(), s.kind(), s.defaultService(), s.severityLabel(),
                s.severityMapping(), s.groupingKey(), s.autoResolve(), receiver, integration.version(),
                integration.createdAt(), integration.updatedAt(), secret);
    }

    private static IntegrationId integrationId(String id) {
        try {
            return IntegrationId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new jakarta.ws.rs.NotFoundException("Integration " + id + " does not exist.");
        }
    }
}

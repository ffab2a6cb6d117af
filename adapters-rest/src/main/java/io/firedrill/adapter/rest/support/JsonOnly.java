package io.firedrill.adapter.rest.support;

import io.firedrill.adapter.rest.problem.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Commands read JSON only: a request that carries a body to an endpoint declaring {@code @Consumes} must say
 * that its body is of one of those types, else 415 before the body is read. Without this, a body with no
 * {@code Content-Type} was read as JSON, which lets a browser's simple cross-site request (no preflight) reach a
 * command. A request without a body needs no {@code Content-Type}. Endpoints without {@code @Consumes} (the alert
 * receivers, whose senders prove themselves with a credential instead) are not concerned. An HTTP/2 body that
 * announces no length looks like no body here; {@link UndeclaredBody} refuses it when it is read.
 */
public class JsonOnly {

    private static final Set<String> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    @ServerRequestFilter
    public Optional<Response> requireDeclaredType(ContainerRequestContext request, ResourceInfo resource) {
        if (!WITH_BODY.contains(request.getMethod()) || !carriesBody(request) || resource.getResourceMethod() == null) {
            return Optional.empty();
        }
        Consumes consumes = resource.getResourceMethod().getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = resource.getResourceClass().getAnnotation(Consumes.class);
        }
        if (consumes == null) {
            return Optional.empty();
        }
        MediaType declared = request.getMediaType();
        if (declared != null && Arrays.stream(consumes.value()).map(MediaType::valueOf)
                .anyMatch(accepted -> accepted.isCompatible(declared))) {
            return Optional.empty();
        }
        return Optional.of(Problem.unsupportedMediaType(String.join(" or ", consumes.value())).toResponse());
    }

    private static boolean carriesBody(ContainerRequestContext request) {
        return request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
    }
}

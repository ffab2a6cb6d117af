package io.firedrill.adapter.rest.notification;

import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.notification.DeliveryLog;
import io.firedrill.application.port.in.notification.DeliveryLog.Delivery;
import io.firedrill.domain.notification.ChannelId;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The delivery log of the caller's tenant (docs/notifications.md#delivery): every notification, its status and its
 * attempts (status codes, vendor codes, latency); {@code POST /{id}/retry} sends one again now.
 */
@Path("/api/v1/notifications/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private static final Set<String> STATUSES = Set.of(DeliveryLog.PENDING, DeliveryLog.DELIVERED, DeliveryLog.DEAD);

    private final DeliveryLog log;

    @Context
    HttpHeaders headers;

    @Inject
    public DeliveryResource(UseCases useCases) {
        this.log = useCases.get(DeliveryLog.class);
    }

    /** A list. */
    public record Items<T>(List<T> items) {
    }

    @GET
    public CompletionStage<Items<Delivery>> list(@QueryParam("channelId") String channelId,
                                                 @QueryParam("status") String status, @QueryParam("limit") Integer limit) {
        Caller caller = Caller.of(headers);
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 500) {
            throw new BadRequest("limit", "must be 1 to 500");
        }
        String wanted = status == null ? null : status.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw new BadRequest("status", "must be PENDING, DELIVERED or DEAD");
        }
        ChannelId channel;
        try {
            channel = channelId == null ? null : ChannelId.parse(channelId);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("channelId", "must be a UUID");
        }
        return log.list(caller.tenant(), channel, wanted, size).thenApply(Items::new);
    }

    @POST
    @Path("{id}/retry")
    public CompletionStage<Response> retry(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return log.retry(caller.tenant(), id).thenApply(ignored -> Response.accepted().build());
    }
}

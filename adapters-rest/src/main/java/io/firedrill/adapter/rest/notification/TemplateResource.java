package io.firedrill.adapter.rest.notification;

import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.notification.TemplateCatalog;
import io.firedrill.application.port.in.notification.TemplateCatalog.Key;
import io.firedrill.domain.notification.ChannelKind;
import io.firedrill.domain.notification.MessageLanguage;
import io.firedrill.domain.notification.NoticeType;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * The notification templates of the caller's tenant (docs/notifications.md#templates): the built-in ones and the
 * tenant's overrides, per notice type and language, for every channel kind or ({@code ?kind=}) for one. A template is
 * checked when saved: a 400 names {@code title} or {@code body} and the line.
 */
@Path("/api/v1/notification-templates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TemplateResource {

    private final TemplateCatalog catalog;

    @Context
    HttpHeaders headers;

    @Inject
    public TemplateResource(UseCases useCases) {
        this.catalog = useCases.get(TemplateCatalog.class);
    }

    /** A template pair as sent. */
    public record Body(String title, String body) {
    }

    /** What a preview renders: the given templates, or (absent) the ones that apply. */
    public record PreviewRequest(String type, String language, ChannelKind kind, String title, String body) {
    }

    /** A template as the API shows it; {@code kind} null for one that applies to every channel kind. */
    public record Representation(String type, String language, ChannelKind kind, String title, String body,
                                 boolean builtIn, long version, Instant updatedAt, String updatedBy) {
    }

    /** A sample notice of the type, rendered. */
    public record Preview(String title, String text) {
    }

    /** A list of templates. */
    public record Items<T>(List<T> items) {
    }

    @GET
    public CompletionStage<Items<Representation>> list() {
        Caller caller = Caller.of(headers);
        return catalog.list(caller.tenant())
                .thenApply(all -> new Items<>(all.stream().map(TemplateResource::representation).toList()));
    }

    @PUT
    @Path("{type}/{language}")
    public CompletionStage<Response> put(@PathParam("type") String type, @PathParam("language") String language,
                                         @QueryParam("kind") String kind, Body body) {
        Caller caller = Caller.of(headers);
        if (body == null) {
            throw new BadRequest("$", "a JSON body with the title's and the text's templates is required");
        }
        return catalog.put(caller.tenant(), key(type, language, kind), body.title(), body.body(), caller.actor().name(),
                        caller.ifMatch())
                .thenApply(saved -> Response.ok(representation(saved)).tag(String.valueOf(saved.version())).build());
    }

    @DELETE
    @Path("{type}/{language}")
    public CompletionStage<Response> delete(@PathParam("type") String type, @PathParam("language") String language,
                                            @QueryParam("kind") String kind) {
        Caller caller = Caller.of(headers);
        return catalog.delete(caller.tenant(), key(type, language, kind)).thenApply(ignored -> Response.noContent().build());
    }

    @POST
    @Path("preview")
    public CompletionStage<Preview> preview(PreviewRequest request) {
        Caller caller = Caller.of(headers);
        if (request == null) {
            throw new BadRequest("$", "a JSON body naming the type and the language is required");
        }
        Key key = new Key(NoticeType.parse(request.type(), "type"), language(request.language()), request.kind());
        return catalog.preview(caller.tenant(), key, request.title(), request.body())
                .thenApply(rendered -> new Preview(rendered.title(), rendered.text()));
    }

    private static Key key(String type, String language, String kind) {
        ChannelKind channelKind = null;
        if (kind != null && !kind.isBlank()) {
            try {
                channelKind = ChannelKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("kind", "must be one of SLACK, FEISHU, DINGTALK, WECOM, TEAMS, WEBHOOK");
            }
        }
        try {
            return new Key(NoticeType.parse(type, "type"), language(language), channelKind);
        } catch (IllegalArgumentException e) {
            String[] fieldAndMessage = e.getMessage().split(" ", 2);
            throw new BadRequest(fieldAndMessage[0], fieldAndMessage[1]);
        }
    }

    private static MessageLanguage language(String language) {
        if (language == null || language.isBlank()) {
            throw new IllegalArgumentException("language must be en or zh");
        }
        return MessageLanguage.parse(language, "language");
    }

    private static Representation representation(TemplateCatalog.Template template) {
        return new Representation(template.key().type().wireName(), template.key().language().wireName(),
                template.key().kind(), template.title(), template.body(), template.builtIn(), template.version(),
                template.updatedAt(), template.updatedBy());
    }
}

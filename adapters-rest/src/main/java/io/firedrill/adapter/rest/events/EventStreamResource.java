package io.firedrill.adapter.rest.events;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.adapter.rest.security.CredentialWatch;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.events.EventFeed;
import io.firedrill.application.port.in.events.EventFeed.Fact;
import io.firedrill.application.port.in.events.EventFeed.Query;
import io.firedrill.application.port.in.events.EventFeed.Subject;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/v1/events/stream}: the caller's tenant's facts as server-sent events, in log order, each with its
 * log position as its id, so that a client reconnecting with {@code Last-Event-ID} goes on exactly after the last fact
 * it received, on any instance. New facts arrive as the log's notifications announce them; a comment every
 * keep-alive interval keeps idle connections open. The stream ends when the client goes, or when its credential is
 * revoked or expires.
 */
@Path("/api/v1/events")
public class EventStreamResource {

    /** The header an SSE client sends when it reconnects: the id (position) of the last event it received. */
    static final String LAST_EVENT_ID = "Last-Event-ID";
    /** Facts read per query. */
    static final int PAGE = 200;
    /** What a client waits before reconnecting (the SSE {@code retry} field). */
    static final long RECONNECT_MILLIS = 2_000;
    /** The longest wait between reads retried after a fault (the database away). */
    static final long MAX_BACKOFF_MILLIS = 15_000;

    private static final Logger LOG = Logger.getLogger(EventStreamResource.class);

    private final EventFeed feed;
    private final StreamReads reads;
    private final UseCases useCases;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration keepAlive;
    private final Duration readInterval;

    @Inject
    public EventStreamResource(UseCases useCases, StreamReads reads, Vertx vertx, ObjectMapper json, Clock clock,
                               @ConfigProperty(name = "firedrill.events.stream.keep-alive", defaultValue = "15s")
                               Duration keepAlive,
                               @ConfigProperty(name = "firedrill.events.stream.read-interval", defaultValue = "200ms")
                               Duration readInterval) {
        this.feed = useCases.get(EventFeed.class);
        this.reads = reads;
        this.useCases = useCases;
        this.vertx = vertx;
        this.json = json;
        this.clock = clock;
        this.keepAlive = keepAlive;
        this.readInterval = readInterval;
    }

    /** One fact as the stream sends it (the {@code data} of its event). */
    public record StreamedFact(long position, String eventId, String type, int version, Map<String, String> subjects,
                               Actor actor, String source, Instant recordedAt,
                               @Schema(type = SchemaType.OBJECT, description = "The fact itself") @JsonRawValue String data) {

        /** Who caused a fact: {@code kind} {@code USER}, {@code INTEGRATION} or {@code SYSTEM}. */
        public record Actor(String kind, String name) {
        }

        static StreamedFact of(Fact fact) {
            Actor actor = null;
            if (fact.actor() != null) {
                int colon = fact.actor().indexOf(':');
                actor = colon < 0 ? new Actor(null, fact.actor())
                        : new Actor(fact.actor().substring(0, colon).toUpperCase(Locale.ROOT), fact.actor().substring(colon + 1));
            }
            return new StreamedFact(fact.position(), fact.eventId(), fact.type(), fact.version(), fact.subjects(), actor,
                    fact.source(), fact.recordedAt(), fact.dataJson());
        }
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @NonBlocking
    @APIResponse(responseCode = "200", description = "Server-sent events: each fact of the tenant as an event whose id is"
            + " its log position, name its type and data a StreamedFact; comments keep the connection alive.",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = StreamedFact.class)))
    @APIResponse(responseCode = "400", description = "A parameter (type, subject, after, Last-Event-ID) is not valid;"
            + " the problem names it.", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "401", description = "No valid credential.",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "The credential lacks the viewer role or has no tenant.",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "503", description = "The instance has its limit of open streams; retry after the"
            + " Retry-After seconds.", content = @Content(mediaType = "application/problem+json"))
    public void stream(@Context SseEventSink sink, @Context Sse sse, @Context HttpHeaders headers,
                       @Context RoutingContext routing,
                       @HeaderParam(LAST_EVENT_ID) String lastEventId, @QueryParam("after") String after,
                       @QueryParam("type") List<String> types, @QueryParam("subject") List<String> subjects) {
        Caller caller = Caller.of(headers);
        // Last-Event-ID wins: a browser reconnects to the same URL, after= and all, and sends it
        Long start = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            // a blank one is what a client that never received an id may send: no position
            start = position(lastEventId, LAST_EVENT_ID);
        } else if (after != null) {
            start = position(after, "after");
        }
        Query query = new Query(caller.tenant(), types(types), subjects(subjects), start == null ? 0 : start, PAGE);
        new Follower(sink, sse, query, start != null, CredentialWatch.of(routing, useCases), routing).start();
    }

    private static long position(String value, String field) {
        try {
            long position = Long.parseLong(value.strip());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new BadRequest(field, "must be a log position: a whole number from 0 (the id of an event of this stream)");
    }

    private Set<String> types(List<String> values) {
        Set<String> types = new LinkedHashSet<>();
        for (String value : values) {
            for (String type : value.split(",")) {
                String name = type.strip();
                if (!feed.types().contains(name)) {
                    throw new BadRequest("type", "unknown fact type '" + name + "'; the types are listed in"
                            + " docs/event-stream.md (for example incident.IncidentDeclared)");
                }
                types.add(name);
            }
        }
        return types;
    }

    private Set<Subject> subjects(List<String> values) {
        Set<Subject> subjects = new LinkedHashSet<>();
        for (String value : values) {
            int colon = value.indexOf(':');
            String kind = colon < 0 ? value : value.substring(0, colon);
            if (colon < 0 || !feed.subjectKinds().containsKey(kind)) {
                throw new BadRequest("subject", "must be kind:id with kind one of " + String.join(", ",
                        feed.subjectKinds().keySet()) + ", not '" + value + "'");
            }
            String id = value.substring(colon + 1);
            try {
                subjects.add(new Subject(kind, UUID.fromString(id).toString()));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("subject", "the id of '" + value + "' is not a UUID");
            }
        }
        return subjects;
    }

    /**
     * One open stream. Everything it does runs on the request's event loop, one step at a time: a read, then the
     * facts it found sent in one write (the next read starts once that write is done, so a slow client slows its own
     * stream and nothing else), then a wait for the next notification, poll or keep-alive.
     */
    private final class Follower {

        private final SseEventSink sink;
        private final Sse sse;
        private final CredentialWatch credential;
        private final RoutingContext routing;
        private final io.vertx.core.Context context;
        private Query query;
        private boolean positioned;
        /** True until the stream has started, and while a read and its sending are under way. */
        private boolean reading = true;
        private boolean wakeAgain;
        private boolean closed;
        private int failures;
        private long lastWrite;
        private long keepAliveTimer = -1;
        private long retryTimer = -1;
        private long lingerTimer = -1;
        private long lastReadStarted = System.nanoTime() - Duration.ofDays(1).toNanos();
        private Runnable unlisten = () -> { };

        Follower(SseEventSink sink, Sse sse, Query query, boolean positioned, CredentialWatch credential,
                 RoutingContext routing) {
            this.sink = sink;
            this.sse = sse;
            this.query = query;
            this.positioned = positioned;
            this.credential = credential;
            this.routing = routing;
            this.context = vertx.getOrCreateContext();
        }

        void start() {
            routing.addEndHandler(ended -> onContext(this::close));
            unlisten = feed.onAppend(() -> onContext(this::wake));
            // Where the stream starts, fixed before its first comment: a client that has read the comment knows every
            // fact appended since will reach it. Then the client's reconnection delay.
            (positioned ? CompletableFuture.completedFuture(query.after()) : feed.head())
                    .thenCompose(start -> onContextFuture(() -> {
                        query = query.after(start);
                        positioned = true;
                        // with the start as its id: a client that reconnects before any fact goes on from here
                        return send(sse.newEventBuilder().comment("firedrill event stream after position " + start)
                                .id(Long.toString(start)).reconnectDelay(RECONNECT_MILLIS).build());
                    }))
                    .whenComplete((ok, failure) -> onContext(() -> {
                        if (failure != null) {
                            // the database away before the stream began: the client reconnects (SSE clients do)
                            LOG.debugf(failure, "an event stream could not start");
                            close();
                            return;
                        }
                        if (closed) {
                            return;
                        }
                        // a poll every keep-alive interval too: a notification lost with its connection is no fact lost;
                        // ticks at half the interval, so that no silence lasts much longer than it
                        keepAliveTimer = vertx.setPeriodic(Math.max(1, keepAlive.toMillis() / 2), id -> onContext(this::tick));
                        reading = false;
                        step();
                    }));
        }

        private void onContext(Runnable action) {
            context.runOnContext(ignored -> action.run());
        }

        private <T> CompletableFuture<T> onContextFuture(java.util.function.Supplier<CompletableFuture<T>> action) {
            CompletableFuture<T> result = new CompletableFuture<>();
            context.runOnContext(ignored -> action.get().whenComplete((value, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            }));
            return result;
        }

        private void wake() {
            if (closed || retryTimer >= 0) {
                return; // a read after a fault waits for its timer
            }
            if (reading) {
                wakeAgain = true;
                return;
            }
            if (lingerTimer >= 0) {
                return; // a read is due anyway
            }
            // At most one read per read interval while the stream is caught up: under a stream of appends every one of
            // them wakes every stream, and a read per wake-up would cost the database more than the commands do.
            long wait = readInterval.toMillis() - Duration.ofNanos(System.nanoTime() - lastReadStarted).toMillis();
            if (wait > 0) {
                lingerTimer = vertx.setTimer(wait, id -> onContext(() -> {
                    lingerTimer = -1;
                    wake();
                }));
                return;
            }
            step();
        }

        private void tick() {
            if (closed) {
                return;
            }
            // silent for half the interval at a tick (every half interval): no silence lasts longer than the interval
            // (a stream that is reading sends its keep-alive between its reads: see step)
            if (keepAliveDue() && !reading) {
                reading = true; // no read meanwhile: the comment and a fact are never written at once
                keepAliveThen(this::wake);
                return;
            }
            wake();
        }

        private boolean keepAliveDue() {
            return System.nanoTime() - lastWrite >= keepAlive.toNanos() / 2;
        }

        /**
         * Sends a keep-alive with the position read up to as its id (every fact up to it was sent: a client that
         * reconnects goes on from there, and a filtered stream does not read the stretch it had passed again), then
         * goes on with {@code next}; {@code reading} is true meanwhile and false when {@code next} runs.
         */
        private void keepAliveThen(Runnable next) {
            send(sse.newEventBuilder().comment("keep-alive").id(Long.toString(query.after())).build())
                    .whenComplete((ok, failure) -> onContext(() -> {
                        reading = false;
                        if (failure != null) {
                            close();
                        } else {
                            next.run();
                        }
                    }));
        }

        /** Checks the credential, reads the next page and sends it; then reads again, or waits. */
        private void step() {
            if (closed || sink.isClosed()) {
                close();
                return;
            }
            reading = true;
            wakeAgain = false;
            lastReadStarted = System.nanoTime();
            CompletableFuture<Boolean> valid;
            try {
                valid = credential.stillValid(clock.instant());
            } catch (RuntimeException e) {
                valid = CompletableFuture.failedFuture(e);
            }
            valid.thenCompose(ok -> {
                        if (!ok) {
                            return CompletableFuture.completedFuture((EventFeed.Page) null);
                        }
                        return reads.read(query).toCompletableFuture();
                    })
                    .whenComplete((page, failure) -> onContext(() -> {
                        if (failure != null) {
                            retryLater(failure);
                            return;
                        }
                        if (page == null) {
                            LOG.debugf("an event stream of %s ends: its credential was revoked or expired",
                                    query.tenant().value());
                            close();
                            return;
                        }
                        failures = 0;
                        sendAll(page.facts()).whenComplete((ok, sendFailure) -> onContext(() -> {
                            reading = false;
                            if (sendFailure != null) {
                                close();
                                return;
                            }
                            query = query.after(page.scannedTo());
                            if (page.more() && keepAliveDue()) {
                                // behind, and silent (windows without a matching fact): a keep-alive between reads
                                reading = true;
                                keepAliveThen(this::step);
                            } else if (page.more()) {
                                step(); // behind: no waiting
                            } else if (wakeAgain) {
                                wakeAgain = false;
                                wake();
                            }
                        }));
                    }));
        }

        private void retryLater(Throwable failure) {
            failures++;
            long delay = Math.min(MAX_BACKOFF_MILLIS, 500L << Math.min(failures, 5));
            LOG.debugf(failure, "an event stream's read failed; reading again in %d ms", delay);
            reading = false; // keep-alives go on meanwhile
            if (closed) {
                return;
            }
            retryTimer = vertx.setTimer(delay, id -> onContext(() -> {
                retryTimer = -1;
                wake();
            }));
        }

        /**
         * Sends a page of facts as server-sent events in one write to the connection (one write per event made the
         * kernel's work per fact the largest cost of a stream), once the previous write is done.
         */
        private CompletableFuture<Void> sendAll(List<Fact> facts) {
            if (facts.isEmpty() || closed) {
                return CompletableFuture.completedFuture(null);
            }
            StringBuilder page = new StringBuilder(facts.size() * 512);
            for (Fact fact : facts) {
                String data;
                try {
                    data = json.writeValueAsString(StreamedFact.of(fact));
                } catch (JsonProcessingException e) {
                    return CompletableFuture.failedFuture(e);
                }
                page.append("id:").append(fact.position()).append("\nevent:").append(fact.type()).append('\n');
                // compact JSON has no line breaks (control characters are escaped); were there any, each line would be
                // a data line of its own (SSE ends a line at CR, LF or CRLF)
                for (String line : data.split("\r\n|\r|\n", -1)) {
                    page.append("data:").append(line).append('\n');
                }
                page.append('\n');
            }
            if (sink.isClosed()) {
                return CompletableFuture.failedFuture(new IllegalStateException("the stream is closed"));
            }
            // the same response the sink writes to (its head is written): comments go through the sink, pages here,
            // never both at once (one step at a time)
            CompletableFuture<Void> written = new CompletableFuture<>();
            try {
                routing.response().write(page.toString()).onComplete(result -> {
                    if (result.succeeded()) {
                        lastWrite = System.nanoTime();
                        written.complete(null);
                    } else {
                        written.completeExceptionally(result.cause());
                    }
                });
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e); // the response ended meanwhile: the stream closes
            }
            return written;
        }

        private CompletableFuture<Void> send(OutboundSseEvent event) {
            if (closed || sink.isClosed()) {
                return CompletableFuture.failedFuture(new IllegalStateException("the stream is closed"));
            }
            try {
                return sink.send(event).toCompletableFuture().thenApply(ignored -> {
                    lastWrite = System.nanoTime();
                    return null;
                });
            } catch (IllegalStateException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        private void close() {
            if (closed) {
                return;
            }
            closed = true;
            unlisten.run();
            if (keepAliveTimer >= 0) {
                vertx.cancelTimer(keepAliveTimer);
            }
            if (retryTimer >= 0) {
                vertx.cancelTimer(retryTimer);
            }
            if (lingerTimer >= 0) {
                vertx.cancelTimer(lingerTimer);
            }
            if (!sink.isClosed()) {
                sink.close();
            }
        }
    }
}

package io.firedrill.bootstrap.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admission control: at most {@code firedrill.http.max-in-flight} API requests are in flight on this instance;
 * one more is answered 503 with {@code Retry-After} at once, before its body is read and without touching the
 * database, and counted in {@code firedrill_http_shed_requests_total}. Queueing it instead would only make every
 * admitted request slower (issue 21: at 256 clients requests queued to a p99 of 17 s). Health, metrics and the API
 * description are never shed. A slot is released when the response has ended or the connection has closed.
 *
 * <p>An event stream ({@value #STREAM}) stays open for as long as its client follows it, so it takes no request slot:
 * streams have a limit of their own, {@code firedrill.http.max-streams} per instance, beyond which a new stream is
 * answered 503 with {@code Retry-After} the same way.
 */
@ApplicationScoped
public class AdmissionControl {

    /** Before every other handler of the router, so refusing costs no body reading and no resource work. */
    static final int ORDER = Integer.MIN_VALUE;

    /** The event stream's path, which holds a stream slot instead of a request slot. */
    static final String STREAM = "/api/v1/events/stream";

    private final int limit;
    private final int streamLimit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger streams = new AtomicInteger();
    private final Buffer streamShedBody;
    private final Counter shed;
    /** The refusal's document, encoded once: shedding must stay cheap when it is all an instance does. */
    private final Buffer shedBody;

    @Inject
    public AdmissionControl(@ConfigProperty(name = "firedrill.http.max-in-flight") Optional<Integer> maxInFlight,
                            @ConfigProperty(name = "quarkus.datasource.reactive.max-size", defaultValue = "16") int poolSize,
                            @ConfigProperty(name = "firedrill.http.max-streams", defaultValue = "100") int maxStreams,
                            MeterRegistry registry) {
        this.limit = maxInFlight.orElse(defaultLimit(poolSize, Runtime.getRuntime().availableProcessors()));
        if (limit < 1) {
            throw new IllegalArgumentException("firedrill.http.max-in-flight must be at least 1, not " + limit);
        }
        if (maxStreams < 0) {
            throw new IllegalArgumentException("firedrill.http.max-streams must not be negative, not " + maxStreams);
        }
        this.streamLimit = maxStreams;
        this.shedBody = Unavailability.body("Firedrill has its limit of " + limit + " requests in flight; retry after 1 s.");
        this.streamShedBody = Unavailability.body("Firedrill has its limit of " + streamLimit + " open event streams;"
                + " retry after 5 s.");
        this.shed = Counter.builder("firedrill.http.shed.requests")
                .description("API requests refused with 503 because the instance had its limit of requests in flight")
                .register(registry);
        Gauge.builder("firedrill.http.in.flight.requests", inFlight, AtomicInteger::get)
                .description("API requests admitted and not yet answered")
                .register(registry);
        Gauge.builder("firedrill.http.max.in.flight.requests", () -> limit)
                .description("The admission limit: API requests in flight beyond which requests are shed")
                .register(registry);
        Gauge.builder("firedrill.http.open.streams", streams, AtomicInteger::get)
                .description("Event streams open on this instance")
                .register(registry);
    }

    /**
     * One request in flight per processor, at least two, at most one per pooled connection. On 2 processors with the
     * database on the same machine, a limit of 2 kept the p99 of admitted requests within twice the unloaded p99 under
     * overload and higher limits did not; they bought throughput with latency (docs/operations.md, admission control).
     */
    static int defaultLimit(int poolSize, int processors) {
        return Math.min(poolSize, Math.max(2, processors));
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::admit);
    }

    /** The stream's path, also with trailing slashes (the REST layer routes them to the stream too). */
    static boolean isStream(String path) {
        int end = path.length();
        while (end > STREAM.length() && path.charAt(end - 1) == '/') {
            end--;
        }
        return end == STREAM.length() && path.startsWith(STREAM);
    }

    private void admit(RoutingContext context) {
        if (!Unavailability.governs(context.normalizedPath())) {
            context.next();
            return;
        }
        boolean stream = isStream(context.normalizedPath());
        AtomicInteger slots = stream ? streams : inFlight;
        if (slots.incrementAndGet() > (stream ? streamLimit : limit)) {
            slots.decrementAndGet();
            shed.increment();
            Unavailability.answer(context.response(), stream ? streamShedBody : shedBody, stream ? 5 : 1);
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        context.addEndHandler(ended -> {
            if (released.compareAndSet(false, true)) {
                slots.decrementAndGet();
            }
        });
        context.next();
    }
}

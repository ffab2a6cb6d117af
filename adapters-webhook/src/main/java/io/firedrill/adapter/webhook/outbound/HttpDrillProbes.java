package io.firedrill.adapter.webhook.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.application.port.out.DrillProbes;
import io.firedrill.domain.drill.DrillStep.Comparison;
import io.firedrill.domain.drill.DrillStep.HttpProbe;
import io.firedrill.domain.drill.DrillStep.PrometheusQuery;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Drill probes over HTTP with the JDK's client, off the event loop (the client's own threads). Each attempt is bounded
 * by the step's timeout, the whole answer included (past it the exchange is cancelled); attempts are repeated by a
 * SmallRye Fault Tolerance retry every {@code interval} while they do not pass and the budget lasts. Redirects are not
 * followed (a redirect is the answer). At most 64 KiB of a probe's answer is read, and 8 MiB of Prometheus'; the rest is
 * not.
 */
@ApplicationScoped
public class HttpDrillProbes implements DrillProbes {

    private static final int KEPT = 64 * 1024;
    /** A Prometheus answer is parsed whole: an instant vector of many series is larger than a probe's answer. */
    private static final int PROMETHEUS_KEPT = 8 * 1024 * 1024;
    private static final TypeLiteral<CompletionStage<Answer>> ANSWER = new TypeLiteral<>() {
    };

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper mapper;

    @Inject
    public HttpDrillProbes(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public CompletableFuture<Answer> http(HttpProbe probe, Duration budget) {
        return repeated(() -> once(probe), probe.interval(), budget);
    }

    @Override
    public CompletableFuture<Answer> prometheus(URI prometheus, PrometheusQuery query, Duration budget) {
        return repeated(() -> once(prometheus, query), query.interval(), budget);
    }

    /**
     * {@code attempt} until it passes, every {@code interval} within {@code budget}; the last answer, with how many
     * attempts were made.
     */
    private CompletableFuture<Answer> repeated(Supplier<CompletableFuture<Answer>> attempt, Duration interval, Duration budget) {
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<Answer> last = new AtomicReference<>();
        Supplier<CompletionStage<Answer>> counted = () -> {
            attempts.incrementAndGet();
            return attempt.get().thenApply(answer -> {
                last.set(answer);
                return answer;
            });
        };
        CompletionStage<Answer> answer;
        if (budget.compareTo(interval) <= 0) {
            answer = counted.get();
        } else {
            TypedGuard<CompletionStage<Answer>> guard = TypedGuard.create(ANSWER)
                    .withRetry().maxRetries(-1).delay(interval.toMillis(), ChronoUnit.MILLIS)
                    .maxDuration(budget.toMillis(), ChronoUnit.MILLIS)
                    .whenResult(result -> !((Answer) result).passed()).done()
                    .build();
            answer = guard.get(counted);
        }
        return answer.toCompletableFuture()
                .handle((found, failure) -> found != null ? found : last.get() != null ? last.get()
                        : new Answer(false, "the probe could not run: " + failure, null))
                .thenApply(found -> new Answer(found.passed(), found.evidence() + " (" + attempts.get()
                        + (attempts.get() == 1 ? " attempt)" : " attempts)"), found.markerAt()));
    }

    private CompletableFuture<Answer> once(HttpProbe probe) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(probe.url())).timeout(probe.timeout())
                .header("User-Agent", "Firedrill drill probe")
                .method(probe.method(), HttpRequest.BodyPublishers.noBody()).build();
        long started = System.nanoTime();
        String what = probe.method() + " " + probe.url();
        return bounded(request, probe.timeout(), KEPT)
                .handle((response, failure) -> {
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    if (failure != null) {
                        return new Answer(false, what + " failed after " + millis + " ms: " + reason(failure), null);
                    }
                    String body = kept(response.body());
                    StringBuilder evidence = new StringBuilder(what).append(" → HTTP ").append(response.statusCode())
                            .append(" in ").append(millis).append(" ms");
                    boolean passed = response.statusCode() == probe.expectedStatus();
                    if (!passed) {
                        evidence.append(" (expected ").append(probe.expectedStatus()).append(')');
                    }
                    if (probe.bodyContains() != null) {
                        boolean contains = body.contains(probe.bodyContains());
                        evidence.append(contains ? "; body contains \"" : "; body does not contain \"")
                                .append(probe.bodyContains()).append('"');
                        passed &= contains;
                    }
                    Instant marker = null;
                    if (passed && probe.markerPointer() != null) {
                        try {
                            marker = instant(mapper.readTree(body).at(probe.markerPointer()));
                            evidence.append("; last durable write ").append(marker);
                        } catch (Exception e) {
                            passed = false;
                            evidence.append("; no instant at ").append(probe.markerPointer()).append(" in the body");
                        }
                    }
                    return new Answer(passed, evidence.toString(), marker);
                });
    }

    private CompletableFuture<Answer> once(URI prometheus, PrometheusQuery query) {
        String base = prometheus.toString().endsWith("/") ? prometheus.toString() : prometheus + "/";
        URI uri = URI.create(base + "api/v1/query?query=" + URLEncoder.encode(query.query(), StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        String what = "PromQL " + query.query();
        return bounded(request, Duration.ofSeconds(10), PROMETHEUS_KEPT)
                .handle((response, failure) -> {
                    if (failure != null) {
                        return new Answer(false, what + " failed: " + reason(failure), null);
                    }
                    if (response.body().length >= PROMETHEUS_KEPT) {
                        return new Answer(false, what + " → an answer larger than 8 MiB; narrow the query", null);
                    }
                    if (response.statusCode() != 200) {
                        return new Answer(false, what + " → HTTP " + response.statusCode() + ": " + clip(kept(response.body())), null);
                    }
                    Double value;
                    try {
                        value = firstValue(mapper.readTree(response.body()));
                    } catch (Exception e) {
                        return new Answer(false, what + " → an answer that is not Prometheus' JSON", null);
                    }
                    if (value == null) {
                        return new Answer(false, what + " → no sample", null);
                    }
                    boolean passed = compares(value, query.comparison(), query.threshold());
                    return new Answer(passed, what + " → " + value + (passed ? " " : " not ")
                            + query.comparison().name().toLowerCase(Locale.ROOT) + " " + query.threshold(), null);
                });
    }

    /**
     * Sends {@code request} and reads at most {@code limit} bytes of the answer (then stops reading it), all within
     * {@code timeout}; past it the exchange is cancelled, so a slow or endless answer holds nothing.
     */
    private CompletableFuture<HttpResponse<byte[]>> bounded(HttpRequest request, Duration timeout, int limit) {
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, info -> new Limited(limit));
        return exchange.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        exchange.cancel(true);
                    }
                });
    }

    /** Collects at most {@code limit} bytes of a body, then cancels the rest. */
    private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private java.util.concurrent.Flow.Subscription subscription;

        Limited(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(java.util.List<java.nio.ByteBuffer> buffers) {
            for (java.nio.ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), limit - bytes.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                bytes.write(chunk, 0, take);
            }
            if (bytes.size() >= limit && !body.isDone()) {
                body.complete(bytes.toByteArray());
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }

    /** The value of the first sample of an instant query's vector, or its scalar; {@code null} when there is none. */
    private static Double firstValue(JsonNode answer) {
        JsonNode data = answer.path("data");
        JsonNode result = data.path("result");
        JsonNode pair = switch (data.path("resultType").asText()) {
            case "vector" -> result.isArray() && !result.isEmpty() ? result.get(0).path("value") : null;
            case "scalar" -> result;
            default -> null;
        };
        if (pair == null || !pair.isArray() || pair.size() != 2) {
            return null;
        }
        return Double.valueOf(pair.get(1).asText());
    }

    static boolean compares(double value, Comparison comparison, double threshold) {
        return switch (comparison) {
            case LT -> value < threshold;
            case LE -> value <= threshold;
            case EQ -> value == threshold;
            case NE -> value != threshold;
            case GE -> value >= threshold;
            case GT -> value > threshold;
        };
    }

    /** An ISO-8601 instant, or a number of epoch seconds (with a fraction) as Prometheus and most services write them. */
    private static Instant instant(JsonNode node) {
        if (node.isNumber()) {
            return Instant.ofEpochMilli(Math.round(node.asDouble() * 1000));
        }
        if (!node.isTextual()) {
            throw new DateTimeParseException("not an instant", node.toString(), 0);
        }
        return java.time.OffsetDateTime.parse(node.asText()).toInstant();
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof java.util.concurrent.TimeoutException || cause instanceof java.net.http.HttpTimeoutException
                ? "timed out" : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
    }

    private static String kept(byte[] body) {
        return new String(body, 0, Math.min(body.length, KEPT), StandardCharsets.UTF_8);
    }

    private static String clip(String text) {
        // At most 200 chars, never cutting a surrogate pair (half of one cannot be stored).
        if (text.length() <= 200) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(199)) ? 199 : 200;
        return text.substring(0, end) + "…";
    }
}

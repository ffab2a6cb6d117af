package io.firedrill.adapter.webhook.notification;

import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.application.port.out.ChannelSender.Destination;
import io.firedrill.application.port.out.ChannelSender.Held;
import io.firedrill.domain.notification.ChannelKind;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * SmallRye Fault Tolerance guards per destination (per instance): the vendor's documented rate limit (for Teams and
 * signed webhooks, which publish none, a limit of Firedrill's), and inside it a circuit
 * breaker that stops sending to a destination that keeps failing (half of at least 10 recent sends failing with a
 * retryable answer: 429, 5xx, no answer) for {@code firedrill.notifications.circuit-breaker-delay}, then lets a trial
 * through. A message either holds back is not sent ({@link Held}).
 */
public final class DestinationGuards {

    private static final TypeLiteral<CompletionStage<DeliveryReport>> REPORT = new TypeLiteral<>() {
    };

    /** A retryable answer, thrown inside the guard so that its circuit breaker counts it, and unwrapped outside. */
    private static final class Failed extends RuntimeException {
        private final transient DeliveryReport report;

        Failed(DeliveryReport report) {
            super(null, null, false, false);
            this.report = report;
        }
    }

    /** A destination's rate limit, outside its circuit breaker: a message held back never reaches the breaker. */
    private record Guards(TypedGuard<CompletionStage<DeliveryReport>> rate,
                          TypedGuard<CompletionStage<DeliveryReport>> breaker) {
    }

    /** Per destination (scheme, host and path: a query string does not make another one), forgotten when idle. */
    private final com.github.benmanes.caffeine.cache.Cache<String, Guards> guards =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1))
                    .maximumSize(100_000).build();
    private final Duration breakerDelay;

    public DestinationGuards(Duration breakerDelay) {
        this.breakerDelay = breakerDelay;
    }

    /** Sends through the destination's guard: {@code send} runs unless the guard holds the message back. */
    public CompletableFuture<DeliveryReport> deliver(ChannelKind kind, Destination destination,
                                                     Supplier<CompletableFuture<DeliveryReport>> send) {
        URI url = destination.url();
        Guards guard = guards.get(kind + " " + url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath(),
                ignored -> guards(kind));
        CompletableFuture<DeliveryReport> result = new CompletableFuture<>();
        CompletionStage<DeliveryReport> guarded;
        try {
            guarded = guard.rate().get(() -> guard.breaker().get(() -> send.get().thenCompose(report ->
                    report.retryable() && !report.accepted() ? CompletableFuture.failedFuture(new Failed(report))
                            : CompletableFuture.completedFuture(report))));
        } catch (RuntimeException e) {
            guarded = CompletableFuture.failedFuture(e);
        }
        guarded.whenComplete((report, failure) -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            switch (cause) {
                case null -> result.complete(report);
                case Failed failed -> result.complete(failed.report);
                case RateLimitException limited -> result.completeExceptionally(new Held("The vendor's rate limit for"
                        + " this destination is used up", Duration.ofMillis(Math.max(limited.getRetryAfterMillis(), 100))));
                case CircuitBreakerOpenException open -> result.completeExceptionally(new Held("The destination keeps"
                        + " failing: its circuit breaker is open", breakerDelay));
                default -> result.completeExceptionally(cause);
            }
        });
        return result;
    }

    private Guards guards(ChannelKind kind) {
        Limit limit = limit(kind);
        return new Guards(TypedGuard.create(REPORT)
                .withRateLimit().limit(limit.count()).window(limit.window().toMillis(), ChronoUnit.MILLIS).done()
                .build(),
                TypedGuard.create(REPORT)
                        .withCircuitBreaker().requestVolumeThreshold(10).failureRatio(0.5)
                        .delay(breakerDelay.toMillis(), ChronoUnit.MILLIS).successThreshold(1).failOn(Failed.class).done()
                        .build());
    }

    /**
     * A rate limit: at most {@code count} per fixed {@code window}. Around a window's edge two windows' worth can pass
     * within one window's time, so each count is half of what the vendor allows in such a time (or less). Neither a
     * rolling window nor a minimum spacing is used: with either, held messages, which come back every poll, starved
     * their destination in NotificationDeliveryTest (the attempts they refuse appear to count).
     */
    record Limit(int count, Duration window) {
    }

    /** Each vendor's documented limit per webhook, kept with the margin above (docs/notifications.md cites them). */
    static Limit limit(ChannelKind kind) {
        return switch (kind) {
            // 1 message per second, short bursts allowed: at most 2 in any second
            case SLACK -> new Limit(1, Duration.ofSeconds(1));
            // 5 per second and 100 per minute per bot: at most 4 in any second and 82 in any minute
            case FEISHU -> new Limit(2, Duration.ofMillis(1_500));
            // 20 per minute per robot (then 10 minutes of throttling): at most 20 in any minute
            case DINGTALK, WECOM -> new Limit(10, Duration.ofMinutes(1));
            // none published (the connectors' former 4 per second): at most 4 in any second
            case TEAMS -> new Limit(2, Duration.ofSeconds(1));
            // no vendor: Firedrill's own, at most 20 in any second
            case WEBHOOK -> new Limit(10, Duration.ofSeconds(1));
        };
    }
}

package io.firedrill.application.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.application.port.out.Outbox.Claimed;
import io.firedrill.application.port.out.Outbox.Next;
import io.firedrill.domain.notification.ChannelId;
import io.firedrill.domain.notification.OutgoingMessage;
import io.firedrill.domain.shared.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What comes after an attempt: delivered, again after a growing delay with jitter, or a dead letter. */
class NotificationDispatcherTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final NotificationSettings SETTINGS = new NotificationSettings(Duration.ofSeconds(5),
            Duration.ofMinutes(10), Duration.ofHours(24), 20, Duration.ofMinutes(1), Duration.ofMinutes(15), Map.of(),
            Duration.ofMinutes(5), Duration.ofSeconds(30));
    private final NotificationDispatcher dispatcher = new NotificationDispatcher(null, null, null, null, SETTINGS,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static Claimed claimed(int attempts, Instant since) {
        return new Claimed("fd-1", new TenantId("t"), new ChannelId(UUID.randomUUID()), attempts, since,
                new OutgoingMessage("fd-1", "incident.declared", since, "t", "x", List.of(), null, null), UUID.randomUUID());
    }

    private static DeliveryReport report(boolean accepted, boolean retryable, Duration retryAfter) {
        return new DeliveryReport(accepted, accepted ? 200 : 500, null, "d", retryAfter, Duration.ZERO, retryable);
    }

    @Test
    void theDelayDoubles_withJitterInItsUpperHalf_upToTheLongest() {
        for (int attempts = 1; attempts <= 40; attempts++) {
            long full = Math.min(Duration.ofSeconds(5).toMillis() << Math.min(attempts - 1, 20), Duration.ofMinutes(10).toMillis());
            for (int sample = 0; sample < 50; sample++) {
                assertThat(dispatcher.backoff(attempts).toMillis()).isBetween(full / 2, full);
            }
        }
    }

    @Test
    void aRetryableFailure_isTriedAgainAfterTheBackoff_orTheVendorsRetryAfterIfLonger() {
        Next next = dispatcher.next(claimed(0, NOW.minusSeconds(10)), report(false, true, null));
        assertThat(next).isInstanceOf(Next.RetryAt.class);
        assertThat(((Next.RetryAt) next).at()).isBetween(NOW.plusMillis(2_500), NOW.plusSeconds(5));

        Next later = dispatcher.next(claimed(0, NOW.minusSeconds(10)), report(false, true, Duration.ofMinutes(3)));
        assertThat(((Next.RetryAt) later).at()).isEqualTo(NOW.plus(Duration.ofMinutes(3)));
    }

    @Test
    void aRefusal_oraMessageTooOld_isADeadLetter_andAnAcceptanceIsDelivered() {
        assertThat(dispatcher.next(claimed(0, NOW), report(true, false, null))).isInstanceOf(Next.Delivered.class);
        assertThat(dispatcher.next(claimed(0, NOW), report(false, false, null))).isInstanceOf(Next.Dead.class);
        Next old = dispatcher.next(claimed(9, NOW.minus(Duration.ofHours(24))), report(false, true, null));
        assertThat(old).isInstanceOf(Next.Dead.class);
        assertThat(((Next.Dead) old).reason()).startsWith("Undelivered for PT24H");
    }
}

package io.firedrill.bootstrap.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.adapter.webhook.notification.DestinationGuards;
import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.application.port.out.ChannelSender.Destination;
import io.firedrill.application.port.out.ChannelSender.Held;
import io.firedrill.domain.notification.ChannelKind;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The vendor's rate limit and the destination's circuit breaker hold messages back without sending them. A Quarkus
 * test: SmallRye Fault Tolerance's guards run in the application.
 */
@QuarkusTest
class DestinationGuardsTest {

    private static final DeliveryReport OK = new DeliveryReport(true, 200, null, "accepted", null, Duration.ZERO, false);
    private static final DeliveryReport FAILED = new DeliveryReport(false, 500, null, "HTTP 500", null, Duration.ZERO, true);
    private static final DeliveryReport REFUSED = new DeliveryReport(false, 400, null, "HTTP 400", null, Duration.ZERO, false);

    private final AtomicInteger sent = new AtomicInteger();

    private DeliveryReport deliver(DestinationGuards guards, ChannelKind kind, String url, DeliveryReport answer)
            throws Exception {
        return guards.deliver(kind, new Destination(URI.create(url), null), () -> {
            sent.incrementAndGet();
            return CompletableFuture.completedFuture(answer);
        }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void slacksOneMessageASecond_holdsTheSecondBack_perDestination() throws Exception {
        DestinationGuards guards = new DestinationGuards(Duration.ofSeconds(30));
        assertThat(deliver(guards, ChannelKind.SLACK, "https://hooks.slack.com/a", OK).accepted()).isTrue();
        assertThatThrownBy(() -> deliver(guards, ChannelKind.SLACK, "https://hooks.slack.com/a", OK))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(Held.class)
                .satisfies(held -> assertThat(((Held) held).retryAfter()).isPositive()
                        .isLessThanOrEqualTo(Duration.ofSeconds(1)));
        // another webhook has its own limit
        assertThat(deliver(guards, ChannelKind.SLACK, "https://hooks.slack.com/b", OK).accepted()).isTrue();
        assertThat(sent).hasValue(2);
    }

    @Test
    void dingTalksTwentyAMinute_passTenPerMinuteWindow() throws Exception {
        DestinationGuards guards = new DestinationGuards(Duration.ofSeconds(30));
        String url = "https://oapi.dingtalk.com/robot/send?access_token=a";
        for (int i = 0; i < 10; i++) {
            assertThat(deliver(guards, ChannelKind.DINGTALK, url, OK).accepted()).isTrue();
        }
        assertThatThrownBy(() -> deliver(guards, ChannelKind.DINGTALK, url, OK)).cause().isInstanceOf(Held.class)
                .satisfies(held -> assertThat(((Held) held).retryAfter()).isPositive()
                        .isLessThanOrEqualTo(Duration.ofMinutes(1)));
        // the query (the robot's token) does not make another destination
        assertThatThrownBy(() -> deliver(guards, ChannelKind.DINGTALK, url + "&timestamp=1", OK)).cause()
                .isInstanceOf(Held.class);
        assertThat(sent).hasValue(10);
    }

    @Test
    void aDestinationThatKeepsFailing_opensItsCircuit_whileRefusalsDoNot() throws Exception {
        DestinationGuards guards = new DestinationGuards(Duration.ofSeconds(30));
        String url = "https://hooks.example.com/down";
        for (int i = 0; i < 10; i++) {
            assertThat(deliver(guards, ChannelKind.WEBHOOK, url + "?" + 0, FAILED).status()).isEqualTo(500);
        }
        // the webhook's 10 a second may hold the next one back first; once a permit is free, the breaker does
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThatThrownBy(() -> deliver(guards, ChannelKind.WEBHOOK, url + "?" + 0, OK))
                        .cause().isInstanceOf(Held.class).hasMessageContaining("circuit breaker is open")
                        .satisfies(held -> assertThat(((Held) held).retryAfter()).isEqualTo(Duration.ofSeconds(30))));
        assertThat(sent).hasValue(10);

        // a refusal is the vendor's answer, not the destination failing: the breaker stays closed
        String refusing = "https://hooks.example.com/refusing";
        for (int i = 0; i < 10; i++) {
            assertThat(deliver(guards, ChannelKind.WEBHOOK, refusing, REFUSED).status()).isEqualTo(400);
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(ExecutionException.class)
                .until(() -> deliver(guards, ChannelKind.WEBHOOK, refusing, REFUSED).status() == 400);
    }
}

package io.firedrill.bootstrap.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Readiness is never DOWN for long against a healthy database, whatever the probe rate (issue 21 item 8): when the
 * check's own connection stalls, the check replaces it instead of answering DOWN until the connection times out.
 */
@QuarkusTest
@WithTestResource(DatabaseProxyResource.class)
class ReadinessProbeStormTest {

    private static final long LONGEST_DOWN_MS = 2_000;
    private static final long PROBING_MS = 5_000;
    private static final int PROBERS = 3;

    @AfterEach
    void everyConnectionIsFresh() throws Exception {
        DatabaseProxyResource.proxy.stop();
        DatabaseProxyResource.proxy.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void whenItsOwnConnectionStallsUnderAProbeStorm_readinessIsUpAgainWithinTwoSeconds() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/q/health/ready").statusCode() == 200);

        long stalledAt = System.nanoTime();
        assertThat(DatabaseProxyResource.proxy.stall("firedrill-readiness")).as("readiness connections stalled").isPositive();

        // Several probers, each probing ten times a second (a kubelet, a load balancer, a curious operator).
        Queue<Answer> answers = new ConcurrentLinkedQueue<>();
        ExecutorService probers = Executors.newFixedThreadPool(PROBERS);
        try {
            List<Future<?>> running = IntStream.range(0, PROBERS).<Future<?>>mapToObj(i -> probers.submit(() -> {
                while (millisSince(stalledAt) < PROBING_MS) {
                    long sent = System.nanoTime();
                    Response ready = given().get("/q/health/ready");
                    answers.add(new Answer(millisSince(stalledAt), millisSince(sent), ready.statusCode()));
                    long pause = 100 - millisSince(sent);
                    if (pause > 0) {
                        Thread.sleep(pause);
                    }
                }
                return null;
            })).toList();
            for (Future<?> prober : running) {
                prober.get(PROBING_MS + 10_000, TimeUnit.MILLISECONDS);
            }
        } finally {
            probers.shutdownNow();
        }

        assertThat(answers).as("answers").hasSizeGreaterThan(PROBERS * 20);
        assertThat(answers).as("the stall reached the check").anyMatch(answer -> answer.status() == 503);
        assertThat(answers).as("every answer within a second").allMatch(answer -> answer.tookMs() < 1_000);
        assertThat(answers.stream().filter(answer -> answer.status() != 200 && answer.atMs() > LONGEST_DOWN_MS))
                .as("answers other than UP later than %d ms after the stall", LONGEST_DOWN_MS).isEmpty();
        assertThat(answers).as("UP again").anyMatch(answer -> answer.status() == 200 && answer.atMs() > LONGEST_DOWN_MS);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** One probe's answer: when it came (ms after the stall), how long it took, its status. */
    private record Answer(long atMs, long tookMs, int status) {
    }
}

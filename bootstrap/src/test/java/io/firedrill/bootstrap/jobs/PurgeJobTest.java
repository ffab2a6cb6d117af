package io.firedrill.bootstrap.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.adapter.persistence.jobs.PgJobRuns;
import io.firedrill.adapter.persistence.jobs.PgPurges;
import io.firedrill.adapter.persistence.tokenstore.PgTokenStore;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Idempotency records past their retention and the state of alerts resolved long ago are purged once per period
 * across instances (issue 20, item 6); recent ones, and alerts still firing, stay.
 */
@QuarkusTest
class PurgeJobTest {

    @Inject
    Pool pool;

    @Inject
    PgJobRuns runs;

    @Inject
    PgPurges purges;

    private final String tenant = "purge-" + UUID.randomUUID().toString().substring(0, 8);
    private final UUID integration = UUID.randomUUID();

    @Test
    void givenOldAndRecentRecords_whenTwoInstancesRunThePurgeInOnePeriod_thenOneRunsItAndOnlyTheOldAreGone()
            throws Exception {
        sql("INSERT INTO idempotency_record (tenant_id, idempotency_key, request_hash, claimed_at, completed_at, status)"
                + " VALUES ($1, 'old', 'h', now() - interval '25 hours', now() - interval '25 hours', 200),"
                + " ($1, 'recent', 'h', now() - interval '1 hour', now() - interval '1 hour', 200)", Tuple.of(tenant));
        sql("INSERT INTO alert_state (integration_id, fingerprint, tenant_id, grouping_key, starts_at, status, updated_at)"
                + " VALUES ($1, 'resolved-long-ago', $2, 'k', now() - interval '40 days', 'RESOLVED', now() - interval '31 days'),"
                + " ($1, 'resolved-lately', $2, 'k', now() - interval '3 days', 'RESOLVED', now() - interval '2 days'),"
                + " ($1, 'firing-for-long', $2, 'k', now() - interval '40 days', 'FIRING', now() - interval '31 days')",
                Tuple.of(integration, tenant));
        // A period no other run of this test has used, should the database be reused.
        Instant hour = Instant.parse("2031-01-01T00:00:00Z").plus(Duration.ofHours(new java.util.Random().nextInt(500_000)));
        Clock sameInstant = Clock.fixed(hour.plusSeconds(17 * 60), ZoneOffset.UTC);

        PurgeJob.Outcome first = job("node-a", sameInstant).run();
        PurgeJob.Outcome second = job("node-b", sameInstant).run();

        assertThat(first).isNotNull();
        assertThat(first.period()).isEqualTo(hour);
        assertThat(first.idempotencyRecords()).isGreaterThanOrEqualTo(1);
        assertThat(first.resolvedAlerts()).isGreaterThanOrEqualTo(1);
        assertThat(second).as("the period has run: the other instance does nothing").isNull();
        assertThat(strings("SELECT idempotency_key FROM idempotency_record WHERE tenant_id = $1", Tuple.of(tenant)))
                .containsExactly("recent");
        assertThat(strings("SELECT fingerprint FROM alert_state WHERE integration_id = $1", Tuple.of(integration)))
                .containsExactlyInAnyOrder("resolved-lately", "firing-for-long");

        // The next period runs again.
        Clock nextHour = Clock.fixed(hour.plusSeconds(61 * 60), ZoneOffset.UTC);
        assertThat(job("node-b", nextHour).run()).isNotNull();
    }

    @Test
    void givenARunWhoseInstanceDiedUnfinished_thenAnotherTakesItOverOnlyOnceItsClaimIsOld() throws Exception {
        Instant period = Instant.parse("2090-01-01T00:00:00Z").plus(Duration.ofHours(new java.util.Random().nextInt(500_000)));
        assertThat(runs.claim(PurgeJob.JOB, period, "dead", Duration.ofMinutes(15)).get(30, TimeUnit.SECONDS)).isTrue();
        Clock inThatPeriod = Clock.fixed(period.plusSeconds(60), ZoneOffset.UTC);

        assertThat(job("node-c", inThatPeriod).run()).as("a fresh claim is not taken over").isNull();
        sql("UPDATE job_run SET claimed_at = now() - interval '16 minutes' WHERE job = 'purge' AND period_start = $1",
                Tuple.of(period.atOffset(ZoneOffset.UTC)));
        assertThat(job("node-c", inThatPeriod).run()).isNotNull();
    }

    private PurgeJob job(String node, Clock clock) {
        return new PurgeJob(runs, purges, clock, new PgTokenStore(pool, Optional.of(node), Duration.ofSeconds(30)),
                Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(30));
    }

    private void sql(String statement, Tuple values) throws Exception {
        pool.preparedQuery(statement).execute(values).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private List<String> strings(String query, Tuple values) throws Exception {
        List<String> found = new ArrayList<>();
        pool.preparedQuery(query).execute(values).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .forEach(row -> found.add(row.getString(0)));
        return found;
    }
}

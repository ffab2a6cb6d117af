package io.firedrill.application.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.application.port.in.drill.DrillPlanCommands;
import io.firedrill.application.port.in.drill.DrillRunCommands;
import io.firedrill.application.port.out.CronSchedules;
import io.firedrill.application.port.out.DrillPlanViews;
import io.firedrill.domain.drill.DrillPlanId;
import io.firedrill.domain.drill.DrillSchedule;
import io.firedrill.domain.shared.TenantId;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What the drill scheduler does when starting a due instant fails: the turn still ends (a turn that never ended would
 * stop the scheduler for good: its job skips while the previous turn runs), and the instant stays due for the next
 * turn, whether the start failed or threw.
 */
class DrillSchedulerFailuresTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:10:30Z");
    private static final TenantId TENANT = new TenantId("team");
    private static final DrillPlanId PLAN = new DrillPlanId(UUID.randomUUID());

    /** Every minute, in UTC. */
    private static final CronSchedules EVERY_MINUTE = new CronSchedules() {
        @Override
        public Optional<String> problem(String expression) {
            return Optional.empty();
        }

        @Override
        public Optional<Instant> next(String expression, java.time.ZoneId zone, Instant after) {
            return Optional.of(after.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)));
        }

        @Override
        public Optional<Instant> previous(String expression, java.time.ZoneId zone, Instant atOrBefore) {
            return Optional.of(atOrBefore.truncatedTo(ChronoUnit.MINUTES));
        }
    };

    @SuppressWarnings("unchecked")
    private static <T> T only(Class<T> port, String method, Function<Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, called, args) -> {
            if (called.getName().equals(method)) {
                return answer.apply(args);
            }
            throw new UnsupportedOperationException(called.getName());
        });
    }

    private static DrillScheduler scheduler(DrillRunCommands runs) {
        DrillPlanViews views = only(DrillPlanViews.class, "scheduled", args -> CompletableFuture.completedFuture(List.of(
                new DrillPlanViews.Scheduled(TENANT, PLAN, new DrillSchedule("* * * * *", "UTC", List.of(), null),
                        NOW.minus(Duration.ofHours(1))))));
        DrillPlanCommands plans = only(DrillPlanCommands.class, "send", args -> {
            throw new AssertionError("nothing is skipped here: " + args[0]);
        });
        return new DrillScheduler(views, EVERY_MINUTE, plans, runs, Clock.fixed(NOW, ZoneOffset.UTC), 2);
    }

    @Test
    void givenAStartThatFails_thenTheTurnEnds_andTheNextTurnStartsTheSameInstantAgain() throws Exception {
        List<Instant> asked = new ArrayList<>();
        DrillRunCommands runs = only(DrillRunCommands.class, "startScheduled", args -> {
            @SuppressWarnings("unchecked")
            List<DrillRunCommands.ScheduledStart> starts = (List<DrillRunCommands.ScheduledStart>) args[1];
            asked.add(starts.getFirst().scheduledFor());
            return List.of(asked.size() == 1
                    ? CompletableFuture.<Boolean>failedFuture(new IllegalStateException("the database is away"))
                    : CompletableFuture.completedFuture(true));
        });
        DrillScheduler scheduler = scheduler(runs);

        assertThat(scheduler.startDue().get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(scheduler.startDue().get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(scheduler.startDue().get(5, TimeUnit.SECONDS)).as("started: nothing due until 09:11").isZero();

        assertThat(asked).containsExactly(Instant.parse("2026-12-01T09:10:00Z"), Instant.parse("2026-12-01T09:10:00Z"));
    }

    @Test
    void givenAStartThatThrows_thenTheTurnEnds_andThePlanIsNotLeftBusy() throws Exception {
        List<Instant> asked = new ArrayList<>();
        DrillRunCommands runs = only(DrillRunCommands.class, "startScheduled", args -> {
            @SuppressWarnings("unchecked")
            List<DrillRunCommands.ScheduledStart> starts = (List<DrillRunCommands.ScheduledStart>) args[1];
            asked.add(starts.getFirst().scheduledFor());
            if (asked.size() == 1) {
                throw new IllegalStateException("no connection");
            }
            return List.of(CompletableFuture.completedFuture(true));
        });
        DrillScheduler scheduler = scheduler(runs);

        assertThat(scheduler.startDue().get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(scheduler.startDue().get(5, TimeUnit.SECONDS)).isEqualTo(1);

        assertThat(asked).hasSize(2);
    }

    @Test
    void givenAStartThatReturnsTooFewFutures_thenTheTurnStillEnds() throws Exception {
        DrillRunCommands runs = only(DrillRunCommands.class, "startScheduled", args -> List.of());

        assertThat(scheduler(runs).startDue().get(5, TimeUnit.SECONDS)).isEqualTo(1);
    }
}

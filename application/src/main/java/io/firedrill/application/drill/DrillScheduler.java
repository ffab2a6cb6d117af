package io.firedrill.application.drill;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.Failures;
import io.firedrill.application.port.in.drill.DrillPlanCommands;
import io.firedrill.application.port.in.drill.DrillRunCommands;
import io.firedrill.application.port.in.drill.DrillScheduling;
import io.firedrill.application.port.out.CronSchedules;
import io.firedrill.application.port.out.DrillPlanViews;
import io.firedrill.domain.drill.Blackout;
import io.firedrill.domain.drill.DrillPlanCommand.SkipScheduledRun;
import io.firedrill.domain.drill.DrillPlanId;
import io.firedrill.domain.drill.DrillPlanRuleViolation;
import io.firedrill.domain.drill.DrillSchedule;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Source;
import io.firedrill.domain.shared.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts scheduled drill runs. Each turn it reads the enabled plans that have a schedule and, for each, the instant
 * that is due: the schedule's latest instant at or before now (not before the schedule applies: the plan created, its
 * schedule changed, the plan resumed), once per instant. A due instant
 * <ul>
 *   <li>more than the plan's grace period ago (no instance was up when it came) is recorded as skipped;</li>
 *   <li>in a blackout is recorded as skipped;</li>
 *   <li>otherwise starts a run ({@code StartDrillRun} with the instant), or, while the plan's previous run is still
 *       going, is recorded as skipped.</li>
 * </ul>
 * Only the latest instant counts: when several passed unseen, the earlier ones start nothing and are not recorded. What
 * an instance remembers (the next instant of each plan) only saves work: whether an instant started a run or was
 * skipped is decided by the plan's events, so two instances starting the same instant start one run.
 */
public final class DrillScheduler implements DrillScheduling {

    static final Actor SCHEDULER = Actor.system("drill-scheduler");

    private final DrillPlanViews plans;
    private final CronSchedules cron;
    private final DrillPlanCommands planCommands;
    private final DrillRunCommands runs;
    private final Clock clock;
    /** The scheduler's commands (skips), at most {@code inFlight} at once; the starts go through the run commands' own. */
    private final AsyncGate gate;
    /** When a failed turn was last logged. */
    private final AtomicReference<Instant> lastLogged = new AtomicReference<>();
    private static final System.Logger LOG = System.getLogger(DrillScheduler.class.getName());
    /** Per plan: the schedule last seen, from when it applies, and its next instant to look at. */
    private final Map<DrillPlanId, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(DrillSchedule schedule, Instant since, Instant due, boolean busy) {
    }

    public DrillScheduler(DrillPlanViews plans, CronSchedules cron, DrillPlanCommands planCommands, DrillRunCommands runs,
                          Clock clock) {
        this(plans, cron, planCommands, runs, clock, DrillSettings.IN_FLIGHT);
    }

    public DrillScheduler(DrillPlanViews plans, CronSchedules cron, DrillPlanCommands planCommands, DrillRunCommands runs,
                          Clock clock, int inFlight) {
        this.plans = plans;
        this.cron = cron;
        this.planCommands = planCommands;
        this.runs = runs;
        this.clock = clock;
        this.gate = new AsyncGate(inFlight);
    }

    @Override
    public CompletableFuture<Integer> startDue() {
        return plans.scheduled().thenCompose(scheduled -> {
            Instant now = clock.instant();
            Set<DrillPlanId> seen = new HashSet<>();
            List<Due> turns = new ArrayList<>();
            Map<TenantId, List<Due>> starts = new LinkedHashMap<>();
            // In an order of its own each turn: instances racing for the same instants mostly start different plans
            // first, so that every plan's run starts sooner than if both went down one list together.
            List<DrillPlanViews.Scheduled> order = new ArrayList<>(scheduled);
            Collections.shuffle(order);
            for (DrillPlanViews.Scheduled plan : order) {
                seen.add(plan.id());
                Due due = null;
                try {
                    Entry entry = entries.get(plan.id());
                    if (entry == null || !entry.schedule().equals(plan.schedule()) || !entry.since().equals(plan.since())) {
                        entry = new Entry(plan.schedule(), plan.since(), first(plan, now), false);
                        entries.put(plan.id(), entry);
                    }
                    if (entry.busy() || entry.due() == null || now.isBefore(entry.due())) {
                        continue;
                    }
                    Entry taken = new Entry(entry.schedule(), entry.since(), entry.due(), true);
                    entries.put(plan.id(), taken);
                    due = new Due(plan, entry.due(), taken, new CompletableFuture<>());
                    turns.add(due);
                    // The latest instant at or before now: instants that passed unseen before it start nothing.
                    Instant at = cron.previous(plan.schedule().cron(), plan.schedule().zoneId(), now).orElse(entry.due());
                    due = new Due(plan, at, taken, due.done());
                    CompletableFuture<Void> skipped = skipWithout(plan, at, now);
                    if (skipped != null) {
                        Due skipping = due;
                        skipped.whenComplete((ignored, failure) -> settle(skipping, failure));
                    } else {
                        starts.computeIfAbsent(plan.tenant(), tenant -> new ArrayList<>()).add(due);
                    }
                } catch (RuntimeException e) {
                    // This plan's turn is over (tried again on the next); the other plans' go on.
                    if (due != null) {
                        settle(due, e);
                    } else {
                        failed(plan.id(), e);
                    }
                }
            }
            entries.keySet().retainAll(seen);
            starts.forEach(this::start);
            return CompletableFuture.allOf(turns.stream().map(Due::done).toArray(CompletableFuture[]::new))
                    .thenApply(ignored -> turns.size());
        });
    }

    /** A plan's instant that is due this turn, and the turn's end for it. */
    private record Due(DrillPlanViews.Scheduled plan, Instant at, Entry taken, CompletableFuture<Void> done) {
    }

    /**
     * The turn is over for the plan: a failed one (the database away) is tried again on the next, and logged (at most
     * once a minute); a done one moves on to the schedule's next instant. The entry is never left busy.
     */
    private void settle(Due due, Throwable failure) {
        try {
            Instant next = due.taken().due();
            if (failure == null) {
                DrillSchedule schedule = due.plan().schedule();
                try {
                    next = cron.next(schedule.cron(), schedule.zoneId(), due.at()).orElse(null);
                } catch (RuntimeException e) {
                    failed(due.plan().id(), e);
                }
            } else {
                failed(due.plan().id(), failure);
            }
            entries.replace(due.plan().id(), due.taken(), new Entry(due.taken().schedule(), due.taken().since(), next, false));
        } finally {
            due.done().complete(null);
        }
    }

    /** A plan's turn failed: logged at most once a minute (a database away fails every plan every second). */
    private void failed(DrillPlanId plan, Throwable failure) {
        Instant now = Instant.now(clock);
        Instant last = lastLogged.get();
        if ((last == null || !now.isBefore(last.plusSeconds(60))) && lastLogged.compareAndSet(last, now)) {
            LOG.log(System.Logger.Level.WARNING, "Drill scheduler: the due instant of plan " + plan
                    + " could not be started or skipped (" + Failures.unwrap(failure) + "); the next turn tries again"
                    + " (further failures within a minute are not logged)");
        }
    }

    /**
     * Starts the due runs of one tenant's plans, their run numbers drawn in one go; an instant while the plan's previous
     * run is still going is recorded as skipped. Whatever fails, every plan's turn ends.
     */
    private void start(TenantId tenant, List<Due> due) {
        try {
            CommandContext context = new CommandContext(tenant, SCHEDULER, Source.SCHEDULER, null, null, null);
            List<CompletableFuture<Boolean>> started = runs.startScheduled(tenant, due.stream()
                    .map(d -> new DrillRunCommands.ScheduledStart(d.plan().id(), d.at())).toList(), context);
            for (int i = 0; i < due.size(); i++) {
                Due d = due.get(i);
                started.get(i).<Void>thenApply(ignored -> null)
                        .exceptionallyCompose(failure -> Failures.unwrap(failure) instanceof DrillPlanRuleViolation violation
                                && violation.rule() == DrillPlanRuleViolation.Rule.DRILL_RUN_ACTIVE
                                ? skip(d.plan(), d.at(), "the plan's previous run was still going", context)
                                : CompletableFuture.failedFuture(new CompletionException(Failures.unwrap(failure))))
                        .whenComplete((ignored, failure) -> settle(d, failure));
            }
        } catch (RuntimeException e) {
            // settle() is idempotent per plan: a plan whose turn already ended keeps its entry (replace matches none).
            due.forEach(d -> settle(d, e));
        }
    }

    /** The first instant to look at for a plan seen for the first time: the latest one since the schedule applies, else the next. */
    private Instant first(DrillPlanViews.Scheduled plan, Instant now) {
        DrillSchedule schedule = plan.schedule();
        Instant latest = cron.previous(schedule.cron(), schedule.zoneId(), now).orElse(null);
        if (latest != null && !latest.isBefore(plan.since())) {
            return latest;
        }
        return cron.next(schedule.cron(), schedule.zoneId(), now.isAfter(plan.since()) ? now : plan.since()).orElse(null);
    }

    /** The skip of an instant that starts nothing whatever the plan's log says (missed beyond grace, in a blackout), else {@code null}. */
    private CompletableFuture<Void> skipWithout(DrillPlanViews.Scheduled plan, Instant due, Instant now) {
        CommandContext context = new CommandContext(plan.tenant(), SCHEDULER, Source.SCHEDULER, null, null, null);
        DrillSchedule schedule = plan.schedule();
        if (Duration.between(due, now).compareTo(schedule.grace()) > 0) {
            return skip(plan, due, "missed: not started within the grace period (" + schedule.grace() + ") after " + due
                    + " (no instance was up, or none could start it)", context);
        }
        Blackout blackout = schedule.blackoutAt(due.atZone(schedule.zoneId()));
        if (blackout != null) {
            return skip(plan, due, "blackout" + (blackout.reason() == null ? "" : ": " + blackout.reason()), context);
        }
        return null;
    }

    private CompletableFuture<Void> skip(DrillPlanViews.Scheduled plan, Instant due, String reason, CommandContext context) {
        return gate.run(() -> planCommands.send(new SkipScheduledRun(plan.id(), due, reason, SCHEDULER), context))
                .thenApply(outcome -> null);
    }
}

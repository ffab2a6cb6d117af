package io.firedrill.application.drill;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.drill.DrillRunAutomation;
import io.firedrill.application.port.in.drill.DrillRunCommands;
import io.firedrill.application.port.in.drill.DrillRunQueries;
import io.firedrill.application.port.in.incident.IncidentCommands;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.out.DrillProbes;
import io.firedrill.application.port.out.DrillRunViews;
import io.firedrill.domain.drill.DrillRun;
import io.firedrill.domain.drill.DrillRun.StepStatus;
import io.firedrill.domain.drill.DrillRunCommand.BeginStep;
import io.firedrill.domain.drill.DrillRunCommand.LinkIncident;
import io.firedrill.domain.drill.DrillRunCommand.RecordStepOutcome;
import io.firedrill.domain.drill.DrillRunId;
import io.firedrill.domain.drill.DrillStep;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentCommand.DeclareIncident;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentNumber;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Source;
import io.firedrill.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Advances running drill runs, one step at a time, from what their events say; it keeps nothing a restart would lose,
 * so any instance resumes a run where its log stands (a probe that was under way is tried again; a manual step waits
 * for its person).
 *
 * <ul>
 *   <li>the next step begins once the step before it has ended; an {@code INJECT} step not before its offset after the
 *       run started;</li>
 *   <li>{@code INJECT} reveals its message and, when it opens the drill incident, declares it (flagged as a drill,
 *       tagged {@code drill} and {@code drill-run:DR-…}, with the plan's severity and service) and links it to the run;
 *       the incident's id comes from the run, so a second runner declares nothing new;</li>
 *   <li>{@code CHECKPOINT} passes at once (its checkpoint is marked then);</li>
 *   <li>{@code WAIT} passes when its duration has gone by, or, with {@code until}, when the drill incident reaches the
 *       milestone; it fails when the duration ends first;</li>
 *   <li>{@code HTTP_PROBE} and {@code PROMETHEUS_QUERY} are probed until they pass or the step's deadline (from when the
 *       step began) has gone by; the outcome and its evidence are recorded. A step taken up only after its deadline
 *       (no instance turned the run meanwhile) is tried once, and its evidence says so. A probe whose URL the tenant's
 *       allow-list no longer allows fails without being called;</li>
 *   <li>{@code MANUAL} waits for a person ({@code confirm}).</li>
 * </ul>
 * When the steps are done, or the run ended otherwise (a mandatory step failed, a person aborted it), it scores the run
 * under the latest score definition; the score ends a run whose steps are done.
 * Only one advance per run is under way on an instance at a time; a probe may run on two instances at once, and the
 * first outcome recorded counts.
 */
public final class DrillRunner implements DrillRunAutomation {

    static final Actor RUNNER = Actor.system("drill-runner");
    /** The most runs one tick lists (a candidate list, not a processor's batch). */
    private static final int CANDIDATES = 500;

    private final DrillRunViews views;
    private final DrillRunQueries queries;
    private final DrillRunCommands commands;
    private final IncidentCommands incidents;
    private final IncidentQueries incidentQueries;
    private final DrillProbes probes;
    private final DrillSettings settings;
    private final Clock clock;
    /** The runner's database work (reads, commands), at most {@code settings.inFlight()} at once; probes wait outside it. */
    private final AsyncGate gate;
    private final Set<DrillRunId> busy = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean listing = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.Map<DrillRunId, Instant> lastLogged = new ConcurrentHashMap<>();
    private static final System.Logger LOG = System.getLogger(DrillRunner.class.getName());

    public DrillRunner(DrillRunViews views, DrillRunQueries queries, DrillRunCommands commands, IncidentCommands incidents,
                IncidentQueries incidentQueries, DrillProbes probes, DrillSettings settings, Clock clock) {
        this.views = views;
        this.queries = queries;
        this.commands = commands;
        this.incidents = incidents;
        this.incidentQueries = incidentQueries;
        this.probes = probes;
        this.settings = settings;
        this.clock = clock;
        this.gate = new AsyncGate(settings.inFlight());
    }

    @Override
    public CompletableFuture<Integer> advanceRunning() {
        if (!listing.compareAndSet(false, true)) {
            // The previous turn is still listing its runs (a slow database): listings never pile up.
            return CompletableFuture.completedFuture(0);
        }
        CompletableFuture<List<DrillRunViews.Running>> listed;
        try {
            listed = views.running(CANDIDATES);
        } catch (RuntimeException e) {
            listed = CompletableFuture.failedFuture(e);
        }
        return listed.whenComplete((ignored, failure) -> listing.set(false)).thenCompose(running -> {
            CompletableFuture<?>[] turns = running.stream()
                    .map(run -> advance(run.tenant(), run.id()).exceptionally(failure -> {
                        logged(run.id(), failure);
                        return null;
                    }))
                    .toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(turns).thenApply(ignored -> running.size());
        });
    }

    /** A failed turn is logged at most once a minute per run (a stuck run would log every second); the next tick retries. */
    private void logged(DrillRunId id, Throwable failure) {
        Instant now = Instant.now(clock);
        Instant last = lastLogged.get(id);
        if (last == null || !now.isBefore(last.plusSeconds(60))) {
            lastLogged.put(id, now);
            LOG.log(System.Logger.Level.WARNING, "Drill runner: a turn of run " + id + " failed ("
                    + io.firedrill.application.port.in.Failures.unwrap(failure) + "); the next tick tries again");
        }
        if (lastLogged.size() > 10_000) {
            lastLogged.clear();
        }
    }

    /** Advances one run as far as it can go now; nothing when another advance of it is under way here. */
    CompletableFuture<Void> advance(TenantId tenant, DrillRunId id) {
        if (!busy.add(id)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> turn;
        try {
            turn = step(tenant, id, 0);
        } catch (RuntimeException e) {
            turn = CompletableFuture.failedFuture(e);
        }
        return turn.whenComplete((ignored, failure) -> busy.remove(id));
    }

    /** Takes the run's next action and, when it ended a step, goes on with the next one (at most once per step). */
    private CompletableFuture<Void> step(TenantId tenant, DrillRunId id, int actions) {
        return gate.run(() -> queries.run(tenant, id)).thenCompose(run -> {
            if (run.awaitingScore()) {
                return gate.run(() -> commands.score(tenant, id, null,
                                new CommandContext(tenant, RUNNER, Source.DRILL, null, null, null)))
                        .thenApply(scored -> null);
            }
            if (!run.running() || actions > 2 * run.steps().size() + 2) {
                return CompletableFuture.completedFuture(null);
            }
            return act(tenant, run).thenCompose(acted -> acted
                    ? step(tenant, id, actions + 1) : CompletableFuture.completedFuture(null));
        });
    }

    /** The run's next action: {@code true} when it recorded something and the run may go on at once. */
    private CompletableFuture<Boolean> act(TenantId tenant, DrillRun run) {
        int index = run.currentStep();
        if (index < 0) {
            return CompletableFuture.completedFuture(false);
        }
        DrillStep step = run.definition().steps().get(index);
        DrillRun.StepState state = run.steps().get(index);
        Instant now = clock.instant();
        CommandContext context = new CommandContext(tenant, RUNNER, Source.DRILL, null, null, null);
        if (state.status() == StepStatus.PENDING) {
            if (step.kind() == DrillStep.Kind.INJECT && now.isBefore(run.startedAt().plus(step.inject().offset()))) {
                return CompletableFuture.completedFuture(false);
            }
            return gate.run(() -> commands.send(new BeginStep(run.id(), index, RUNNER), context)).thenApply(outcome -> true);
        }
        return switch (step.kind()) {
            case MANUAL -> CompletableFuture.completedFuture(false);
            case CHECKPOINT -> record(run, index, true, "checkpoint " + step.checkpoint().name() + " reached", null, context);
            case INJECT -> inject(tenant, run, index, step, context);
            case WAIT -> waitFor(tenant, run, index, step, state.startedAt(), now, context);
            case HTTP_PROBE -> settings.probeProblem(tenant, step.httpProbe().url())
                    // The allow-list is checked again when the step runs: a narrower one holds for plans saved before.
                    .map(problem -> record(run, index, false, "not probed: url " + problem, null, context))
                    .orElseGet(() -> probe(run, index, state.startedAt().plus(step.httpProbe().deadline()), now,
                            budget -> probes.http(step.httpProbe(), budget), context));
            case PROMETHEUS_QUERY -> settings.prometheus() == null
                    ? record(run, index, false, "no Prometheus is configured (firedrill.drills.prometheus-url)", null, context)
                    : probe(run, index, state.startedAt().plus(step.prometheusQuery().deadline()), now,
                    budget -> probes.prometheus(settings.prometheus(), step.prometheusQuery(), budget), context);
        };
    }

    private CompletableFuture<Boolean> inject(TenantId tenant, DrillRun run, int index, DrillStep step,
                                              CommandContext context) {
        String revealed = "revealed: " + step.inject().message();
        if (!step.inject().opensIncident() || run.incidentId() != null) {
            return record(run, index, true, revealed, null, context);
        }
        IncidentId incident = new IncidentId(uuid("drill-run/" + run.id() + "/incident"));
        String key = "drill-run/" + run.id() + "/incident";
        DeclareIncident declaration = new DeclareIncident(incident, IncidentNumber.of(1, 1),
                "[Drill " + run.number() + "] " + clip(run.definition().name(), 170), step.inject().message(),
                run.definition().severity(), List.of(run.definition().service()), null,
                Set.of("drill", "drill-run:" + run.number()), null, true, RUNNER, null);
        return gate.run(() -> incidents.declare(declaration, new CommandContext(tenant, RUNNER, Source.DRILL, null, key, key)))
                .thenCompose(declared -> gate.run(() -> commands.send(new LinkIncident(run.id(), index, incident, RUNNER),
                        context)))
                .thenCompose(linked -> record(run, index, true, revealed + " (opened drill incident "
                        + linked.state().incidentId() + ")", null, context));
    }

    private CompletableFuture<Boolean> waitFor(TenantId tenant, DrillRun run, int index, DrillStep step, Instant since,
                                               Instant now, CommandContext context) {
        DrillStep.Wait wait = step.waitFor();
        boolean over = !now.isBefore(since.plus(wait.duration()));
        if (wait.until() == null) {
            return over ? record(run, index, true, "waited " + wait.duration(), null, context)
                    : CompletableFuture.completedFuture(false);
        }
        if (run.incidentId() == null) {
            return over ? record(run, index, false, "no drill incident was opened within " + wait.duration(), null, context)
                    : CompletableFuture.completedFuture(false);
        }
        return gate.run(() -> incidentQueries.incident(tenant, run.incidentId())).thenCompose(incident -> {
            Instant reached = reached(incident, wait.until());
            // Reached within the wait, not after it (the runner may have been down when the wait ended).
            if (reached != null && !reached.isAfter(since.plus(wait.duration()))) {
                return record(run, index, true, "drill incident " + incident.number().value() + " "
                        + wait.until().name().toLowerCase(java.util.Locale.ROOT) + " at " + reached, null, context);
            }
            return over ? record(run, index, false, "drill incident " + incident.number().value() + " not "
                    + wait.until().name().toLowerCase(java.util.Locale.ROOT) + " within " + wait.duration(), null, context)
                    : CompletableFuture.completedFuture(false);
        });
    }

    private static Instant reached(Incident incident, DrillStep.Milestone milestone) {
        return switch (milestone) {
            case INCIDENT_OPENED -> incident.declaredAt();
            case ACKNOWLEDGED -> incident.acknowledgedAt();
            case MITIGATED -> incident.mitigatedAt();
            case RESOLVED -> incident.resolvedAt();
        };
    }

    /**
     * Probes until the step's deadline. A step taken up only after its deadline (no instance turned the run meanwhile)
     * is tried once, and its evidence says so.
     */
    private CompletableFuture<Boolean> probe(DrillRun run, int index, Instant deadline, Instant now,
                                             Function<Duration, CompletableFuture<DrillProbes.Answer>> attempts,
                                             CommandContext context) {
        String late = now.isAfter(deadline) ? "tried once: its deadline (" + deadline + ") had passed when it was taken up at "
                + now + "; " : "";
        Duration left = late.isEmpty() ? Duration.between(now, deadline) : Duration.ZERO;
        return attempts.apply(left).thenCompose(found -> record(run, index, found.passed(), late + found.evidence(),
                found.markerAt(), context));
    }

    private CompletableFuture<Boolean> record(DrillRun run, int index, boolean passed, String evidence, Instant markerAt,
                                              CommandContext context) {
        return gate.run(() -> commands.send(new RecordStepOutcome(run.id(), index, passed, clip(printable(evidence), 4_000),
                        markerAt, RUNNER), context))
                .thenApply(outcome -> true);
    }

    /** The evidence without control characters (an answer may hold any), which a fact cannot store. */
    private static String printable(String text) {
        StringBuilder printable = new StringBuilder(text.length());
        text.codePoints().forEach(c -> printable.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                ? ' ' : c));
        return printable.toString();
    }

    private static UUID uuid(String text) {
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** At most {@code max} chars (the limits count chars), never cutting a surrogate pair (half of one cannot be stored). */
    private static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}

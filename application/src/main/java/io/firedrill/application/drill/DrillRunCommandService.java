package io.firedrill.application.drill;

import io.firedrill.application.command.CommandSender;
import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.Failures;
import io.firedrill.application.port.in.VersionMismatch;
import io.firedrill.application.port.in.actionitem.ActionItemCommands;
import io.firedrill.application.port.in.drill.DrillRunCommands;
import io.firedrill.application.port.in.drill.DrillRunNotFound;
import io.firedrill.application.port.in.drill.DrillRunQueries;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.in.incident.RecordedIncidentEvent;
import io.firedrill.application.port.out.DrillRunNumbers;
import io.firedrill.domain.actionitem.ActionItemCommand.CreateActionItem;
import io.firedrill.domain.actionitem.ActionItemId;
import io.firedrill.domain.actionitem.ActionKind;
import io.firedrill.domain.drill.DrillPlan;
import io.firedrill.domain.drill.DrillPlanCommand.StartDrillRun;
import io.firedrill.domain.drill.DrillPlanId;
import io.firedrill.domain.drill.DrillRun;
import io.firedrill.domain.drill.DrillRunCommand.ReviewRun;
import io.firedrill.domain.drill.DrillRunCommand.ScoreRun;
import io.firedrill.domain.drill.DrillRunCommand;
import io.firedrill.domain.drill.DrillRunId;
import io.firedrill.domain.drill.DrillRunNumber;
import io.firedrill.domain.drill.DrillScoring;
import io.firedrill.domain.drill.Finding;
import io.firedrill.domain.drill.ScoreDefinition;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;

/**
 * Starts drill runs (a number from the tenant's sequence of the year, then the plan's {@code StartDrillRun}) and sends
 * the commands of running ones, through Axon's command gateway.
 */
final class DrillRunCommandService implements DrillRunCommands {

    private final CommandSender plans;
    private final CommandSender runs;
    private final DrillRunNumbers numbers;
    private final Clock clock;
    private final DrillRunQueries queries;
    private final IncidentQueries incidents;
    private final ActionItemCommands actionItems;
    /** The scheduled starts under way at once; a thousand due together wait their turn here, not in the pool's queue. */
    private final AsyncGate scheduledStarts;

    DrillRunCommandService(CommandGateway gateway, DrillRunNumbers numbers, Clock clock, DrillRunQueries queries,
                           IncidentQueries incidents, ActionItemCommands actionItems, int inFlight) {
        this.scheduledStarts = new AsyncGate(inFlight);
        this.incidents = incidents;
        this.actionItems = actionItems;
        this.plans = new CommandSender(gateway, "drill plan");
        this.runs = new CommandSender(gateway, "drill run");
        this.numbers = numbers;
        this.clock = clock;
        this.queries = queries;
    }

    @Override
    public CompletableFuture<Optional<DrillRun>> start(DrillPlanId plan, DrillRunId run, Instant scheduledFor,
                                                       CommandContext context) {
        int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
        return queries.run(context.tenant(), run).handle((existing, failure) -> {
                    if (failure != null && !(Failures.unwrap(failure) instanceof DrillRunNotFound)) {
                        throw new CompletionException(Failures.unwrap(failure));
                    }
                    return existing;
                })
                .thenCompose(existing -> existing != null
                        // A run id already used (a repeated request whose key outlived its stored answer) starts nothing.
                        ? CompletableFuture.completedFuture(existing.planId().equals(plan) ? Optional.of(existing)
                        : Optional.<DrillRun>empty())
                        : startNew(plan, run, scheduledFor, context, year));
    }

    private CompletableFuture<Optional<DrillRun>> startNew(DrillPlanId plan, DrillRunId run, Instant scheduledFor,
                                                           CommandContext context, int year) {
        return numbers.next(context.tenant(), year, 1)
                .thenCompose(drawn -> send(plan, run, drawn.getFirst(), scheduledFor, context))
                .thenCompose(started -> started
                        ? queries.run(context.tenant(), run).thenApply(Optional::of)
                        : CompletableFuture.completedFuture(Optional.<DrillRun>empty()));
    }

    @Override
    public List<CompletableFuture<Boolean>> startScheduled(TenantId tenant, List<ScheduledStart> starts,
                                                           CommandContext context) {
        List<CompletableFuture<Boolean>> started = new ArrayList<>(starts.size());
        starts.forEach(start -> started.add(new CompletableFuture<>()));
        if (starts.isEmpty()) {
            return started;
        }
        // New ids cannot have been used: no run to look for first, and none to read back. The draw and each start
        // take their turn in the gate; the starts are sent in order, so the numbers follow the list.
        int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
        scheduledStarts.run(() -> numbers.next(tenant, year, starts.size())).whenComplete((drawn, failure) -> {
            for (int i = 0; i < starts.size(); i++) {
                CompletableFuture<Boolean> result = started.get(i);
                if (failure != null) {
                    result.completeExceptionally(failure);
                    continue;
                }
                try {
                    ScheduledStart start = starts.get(i);
                    DrillRunNumber number = drawn.get(i);
                    scheduledStarts.run(() -> send(start.plan(), new DrillRunId(UUID.randomUUID()), number,
                            start.scheduledFor(), context)).whenComplete((ok, sendFailure) -> {
                                if (sendFailure != null) {
                                    result.completeExceptionally(sendFailure);
                                } else {
                                    result.complete(ok);
                                }
                            });
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        });
        return started;
    }

    /** Whether the plan started run {@code run} under {@code number}. */
    private CompletableFuture<Boolean> send(DrillPlanId plan, DrillRunId run, DrillRunNumber number, Instant scheduledFor,
                                            CommandContext context) {
        return plans.<DrillPlan>send(new StartDrillRun(plan, run, number, scheduledFor, context.actor()), context)
                .thenApply(started -> run.equals(started.state().activeRun()));
    }

    @Override
    public CompletableFuture<CommandOutcome<DrillRun>> score(TenantId tenant, DrillRunId id, Integer definitionVersion,
                                                             CommandContext context) {
        ScoreDefinition definition = definitionVersion == null ? ScoreDefinition.latest()
                : ScoreDefinition.version(definitionVersion);
        if (definition == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("definitionVersion must be one of "
                    + ScoreDefinition.ALL.stream().map(d -> String.valueOf(d.version())).toList() + ", not " + definitionVersion));
        }
        return scoreOnce(tenant, id, definition, context, 1);
    }

    /**
     * Scores the run as read, sent with its version: a run that changed meanwhile (a person aborted it) is read and
     * scored again (a few times), never scored on a stale reading. A client's own {@code If-Match} is honoured. The
     * incident's facts count up to the run's end.
     */
    private CompletableFuture<CommandOutcome<DrillRun>> scoreOnce(TenantId tenant, DrillRunId id, ScoreDefinition definition,
                                                                  CommandContext context, int attempt) {
        return queries.run(tenant, id).thenCompose(run -> {
            if (context.expectedVersion() != null && context.expectedVersion() != run.version()) {
                throw new VersionMismatch("drill run", context.expectedVersion(), run.version());
            }
            return (run.incidentId() == null
                    ? CompletableFuture.completedFuture(List.<IncidentEvent>of())
                    : incidents.history(tenant, run.incidentId()).thenApply(history -> history.stream()
                            .map(RecordedIncidentEvent::event)
                            .filter(event -> run.endedAt() == null || !event.occurredAt().isAfter(run.endedAt()))
                            .toList()))
                    .thenCompose(events -> runs.<DrillRun>send(new ScoreRun(id, DrillScoring.score(definition, run, events),
                            context.actor()), new CommandContext(context.tenant(), context.actor(), context.source(),
                            run.version(), context.idempotencyKey(), context.requestHash())));
        }).exceptionallyCompose(failure -> {
            Throwable cause = Failures.unwrap(failure);
            if (cause instanceof VersionMismatch && context.expectedVersion() == null) {
                // The run changed meanwhile and the client asked for no version: score it again, then give up with 409.
                return attempt < 3 ? scoreOnce(tenant, id, definition, context, attempt + 1)
                        : CompletableFuture.failedFuture(new io.firedrill.application.port.in.ConcurrentChange("drill run",
                        attempt, cause));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    @Override
    public CompletableFuture<CommandOutcome<DrillRun>> review(TenantId tenant, DrillRunId id, Review review,
                                                              CommandContext context) {
        return queries.run(tenant, id).<CommandOutcome<DrillRun>>thenCompose(run -> {
            // Everything is checked before anything is written: the review command and every action item.
            if (review == null || review.findings() == null) {
                throw new IllegalArgumentException("findings must be given (an empty list when there are none)");
            }
            java.time.LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
            List<Finding> findings = new java.util.ArrayList<>();
            List<CreateActionItem> items = new java.util.ArrayList<>();
            for (int i = 0; i < review.findings().size(); i++) {
                FindingInput input = review.findings().get(i);
                String field = "findings[" + i + "]";
                if (input == null) {
                    throw new IllegalArgumentException(field + " must not be null");
                }
                if ((input.actionItem() == null) == (input.waivedReason() == null || input.waivedReason().isBlank())) {
                    throw new IllegalArgumentException(field + ".actionItem must be given, or waived with a reason, not both");
                }
                UUID item = input.actionItem() == null ? null
                        : UUID.nameUUIDFromBytes(("drill-review/" + id + "/" + i).getBytes(StandardCharsets.UTF_8));
                try {
                    findings.add(new Finding(input.title(), input.detail(), item, input.waivedReason()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(field + "." + e.getMessage(), e);
                }
                if (input.actionItem() != null) {
                    NewActionItem action = input.actionItem();
                    try {
                        if (run.review() == null && action.dueDate() != null && action.dueDate().isBefore(today)) {
                            throw new IllegalArgumentException("dueDate " + action.dueDate() + " is before today (" + today + ")");
                        }
                        items.add(new CreateActionItem(new ActionItemId(item), context.actor(), input.title(),
                                input.detail(), action.owner(), action.dueDate(), action.priority(),
                                action.kind() == null ? ActionKind.CORRECTIVE : action.kind(), run.incidentId(), null, id));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(field + ".actionItem." + e.getMessage(), e);
                    }
                }
            }
            ReviewRun command = new ReviewRun(id, findings, review.wentWell() == null ? List.of() : review.wentWell(),
                    review.scoreConfirmed(), review.scoreNote(), context.actor());
            boolean retry = run.review() != null && run.review().findings().equals(command.findings())
                    && run.review().wentWell().equals(command.wentWell())
                    && run.review().scoreConfirmed() == command.scoreConfirmed()
                    && java.util.Objects.equals(run.review().scoreNote(), command.scoreNote());
            if (!retry && context.expectedVersion() != null && context.expectedVersion() != run.version()) {
                throw new VersionMismatch("drill run", context.expectedVersion(), run.version());
            }
            // The review is recorded first, naming its action items; then the items are created, each under an id and
            // an idempotency key that come from the run and the finding. A refused review creates nothing; a review
            // recorded whose items could not all be created (the database away) is completed by a retry of the same
            // review, which records nothing again and creates what is missing.
            // A retry of the recorded review is sent without the client's If-Match (the review moved the version on): it
            // records nothing and creates the items still missing.
            CommandContext sent = retry ? new CommandContext(context.tenant(), context.actor(), context.source(), null,
                    context.idempotencyKey(), context.requestHash()) : context;
            return runs.<DrillRun>send(command, sent).thenCompose(reviewed -> {
                CompletableFuture<?> created = CompletableFuture.completedFuture(null);
                for (CreateActionItem item : items) {
                    String key = "drill-review/" + id + "/" + item.actionItemId();
                    String fingerprint = UUID.nameUUIDFromBytes((item.title() + "\n" + item.description() + "\n"
                            + item.owner() + "\n" + item.dueDate() + "\n" + item.priority() + "\n" + item.kind())
                            .getBytes(StandardCharsets.UTF_8)).toString();
                    created = created.thenCompose(ignored -> actionItems.create(item, new CommandContext(tenant,
                            context.actor(), context.source(), null, key, fingerprint)));
                }
                return created.thenApply(ignored -> reviewed);
            });
        });
    }

    @Override
    public CompletableFuture<CommandOutcome<DrillRun>> send(DrillRunCommand command, CommandContext context) {
        return runs.send(command, context);
    }
}

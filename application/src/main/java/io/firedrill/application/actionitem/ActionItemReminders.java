package io.firedrill.application.actionitem;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.actionitem.ActionItemCommands;
import io.firedrill.application.port.out.ActionItemViews.Due;
import io.firedrill.application.port.out.ActionItemViews;
import io.firedrill.domain.actionitem.ActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.RecordOverdue;
import io.firedrill.domain.actionitem.ActionItemCommand.RemindDueSoon;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Source;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;

/**
 * The reminder job's work: records {@code ActionItemBecameOverdue} for open items past their due date and
 * {@code ActionItemDueSoon} for open items due within the lead time, once per item and due date.
 *
 * <p>Exactly once, also with several instances running the job at the same moment: candidates come from
 * the read model (which may lag), but each fact is decided by the item's own rules on its event log
 * ({@code ActionItemDecider}: nothing when already recorded for that due date), and two instances that
 * decide the same fact at once collide on the append condition; the loser decides again on the fresh log
 * and records nothing.
 */
public final class ActionItemReminders {

    /** The actor the job's facts are recorded under. */
    public static final Actor ACTOR = Actor.system("scheduler");

    private final ActionItemViews views;
    private final ActionItemCommands commands;
    private final Clock clock;
    private final int leadDays;
    private final int batchSize;

    /**
     * @param leadDays how many days before the due date the reminder is recorded
     * @param batchSize how many candidates are read from the read model at a time
     */
    public ActionItemReminders(ActionItemViews views, ActionItemCommands commands, Clock clock, int leadDays,
                               int batchSize) {
        if (leadDays < 0) {
            throw new IllegalArgumentException("leadDays must not be negative");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.views = views;
        this.commands = commands;
        this.clock = clock;
        this.leadDays = leadDays;
        this.batchSize = batchSize;
    }

    /**
     * What one run did.
     *
     * @param examined candidates read from the read model
     * @param overdue overdue facts this run recorded
     * @param reminders due-soon facts this run recorded
     * @param failed candidates whose commands failed (the next run tries them again)
     * @param firstFailure the first failure, or {@code null}
     */
    public record Run(LocalDate today, int examined, int overdue, int reminders, int failed, Throwable firstFailure) {
    }

    /** One pass over every candidate, one item at a time. */
    public CompletableFuture<Run> run() {
        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        return page(today, null, new Run(today, 0, 0, 0, 0, null));
    }

    private CompletableFuture<Run> page(LocalDate today, Due after, Run sofar) {
        return views.due(today, leadDays, after, batchSize).thenCompose(candidates -> {
            CompletableFuture<Run> chain = CompletableFuture.completedFuture(sofar);
            for (Due candidate : candidates) {
                chain = chain.thenCompose(run -> remind(today, candidate, run));
            }
            return candidates.size() < batchSize ? chain
                    : chain.thenCompose(run -> page(today, candidates.getLast(), run));
        });
    }

    private CompletableFuture<Run> remind(LocalDate today, Due candidate, Run run) {
        CommandContext context = new CommandContext(candidate.tenant(), ACTOR, Source.SCHEDULER, null, null, null);
        CompletableFuture<CommandOutcome<ActionItem>> overdue =
                commands.send(new RecordOverdue(candidate.id(), ACTOR, today), context);
        return overdue.thenCompose(first -> commands.send(new RemindDueSoon(candidate.id(), ACTOR, today, leadDays), context)
                        .thenApply(second -> new Run(today, run.examined() + 1, run.overdue() + first.appended(),
                                run.reminders() + second.appended(), run.failed(), run.firstFailure())))
                .exceptionally(failure -> new Run(today, run.examined() + 1, run.overdue(), run.reminders(),
                        run.failed() + 1, run.firstFailure() == null ? failure : run.firstFailure()));
    }

}

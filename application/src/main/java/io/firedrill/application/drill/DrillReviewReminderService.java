package io.firedrill.application.drill;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.drill.DrillReviewReminders;
import io.firedrill.application.port.in.drill.DrillRunCommands;
import io.firedrill.application.port.out.DrillRunViews;
import io.firedrill.domain.drill.DrillRunCommand.RemindReview;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;

/**
 * Nudges drill runs waiting for their review more than {@code after}: candidates come from the drill run read model
 * (which may lag), and each nudge is decided by the run's own log (nothing when already nudged that day), so two
 * instances record it once. At most 1,000 runs a turn, longest waiting first.
 */
final class DrillReviewReminderService implements DrillReviewReminders {

    static final Actor ACTOR = Actor.system("scheduler");
    /** The most runs one pass nudges (a candidate list, not a processor's batch). */
    private static final int CANDIDATES = 1_000;

    private final DrillRunViews views;
    private final DrillRunCommands commands;
    private final Clock clock;
    private final Duration after;

    DrillReviewReminderService(DrillRunViews views, DrillRunCommands commands, Clock clock, Duration after) {
        this.views = views;
        this.commands = commands;
        this.clock = clock;
        this.after = after;
    }

    @Override
    public CompletableFuture<Integer> remind() {
        Instant now = clock.instant();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        int days = (int) after.toDays();
        // Runs nudged today are not candidates (the read model may lag; the run's own log decides), so every waiting run
        // gets its turn within a few passes; one run's failure does not hold up the others (the next pass tries it again).
        return views.awaitingReview(now.minus(after), today, CANDIDATES).thenCompose(runs -> {
            CompletableFuture<Integer> chain = CompletableFuture.completedFuture(0);
            for (DrillRunViews.Running run : runs) {
                chain = chain.thenCompose(nudged -> commands.send(new RemindReview(run.id(), today, days, ACTOR),
                                new CommandContext(run.tenant(), ACTOR, Source.SCHEDULER, null, null, null))
                        .thenApply(outcome -> nudged + outcome.appended())
                        .exceptionally(failure -> nudged));
            }
            return chain;
        });
    }
}

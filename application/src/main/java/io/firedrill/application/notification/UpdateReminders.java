package io.firedrill.application.notification;

import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.in.incident.RecordedIncidentEvent;
import io.firedrill.application.port.in.notification.UpdateDueReminders;
import io.firedrill.application.port.out.UpdateCadence;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentReopened;
import io.firedrill.domain.incident.IncidentEvent.StatusUpdatePosted;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.notification.Notice;
import io.firedrill.domain.notification.NoticeType;
import io.firedrill.domain.shared.Severity;
import io.firedrill.domain.shared.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The cadence reminders ({@code incident.update-due}): a running incident whose severity has a cadence
 * ({@code firedrill.notifications.update-due.*}) and that went a whole interval without a status update is reminded
 * through the channels its routes reach, naming its commander and communications responders. One reminder per interval:
 * the message id is derived from the incident, the clock's start and the interval's end, so instances that find the
 * same incident due queue it once; an interval missed while no instance ran is not caught up, only the latest is sent.
 * Before a reminder is queued, the incident's history is read: when it disagrees with the cadence the feed kept (a fact
 * the feed has not handled yet), the cadence is set from the history instead, and the incident is due again, or not,
 * as its facts say.
 */
final class UpdateReminders implements UpdateDueReminders {

    /** The most incidents one run reminds. */
    static final int BATCH = 100;
    /** The actor of a reminder. */
    static final String ACTOR = "firedrill";
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final UpdateCadence cadence;
    private final IncidentQueries incidents;
    private final NoticeQueue queue;
    private final Map<Severity, Duration> intervals;
    private final Clock clock;
    private final Executor continuation;

    UpdateReminders(UpdateCadence cadence, IncidentQueries incidents, NoticeQueue queue,
                    Map<Severity, Duration> intervals, Clock clock, Executor continuation) {
        this.cadence = cadence;
        this.incidents = incidents;
        this.queue = queue;
        this.intervals = Map.copyOf(intervals);
        this.clock = clock;
        this.continuation = continuation;
    }

    /** An incident's cadence as its facts (all of them, or those up to one) leave it. */
    static UpdateCadence.Tracked tracked(TenantId tenant, List<IncidentEvent> facts, Incident state) {
        boolean active = (state.status() == IncidentStatus.DETECTED || state.status() == IncidentStatus.MITIGATING)
                && state.duplicateOf() == null;
        Instant clockFrom = Instant.EPOCH;
        for (IncidentEvent fact : facts) {
            if (restartsClock(fact)) {
                clockFrom = fact.recordedAt();
            }
        }
        // as the database keeps it, so that the two compare equal
        return new UpdateCadence.Tracked(tenant, state.id(), state.severity(), active,
                clockFrom.truncatedTo(ChronoUnit.MICROS), facts.size());
    }

    /** Whether a fact restarts an incident's cadence: a status update posted, the incident started (again). */
    static boolean restartsClock(IncidentEvent event) {
        return event instanceof IncidentDeclared || event instanceof StatusUpdatePosted
                || event instanceof IncidentReopened;
    }

    @Override
    public CompletableFuture<Integer> remindDue() {
        if (intervals.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        Instant now = clock.instant();
        return cadence.due(now, intervals, BATCH).thenCompose(due -> OneAtATime.each(due, this::remind,
                one -> "The cadence reminder of incident " + one.incident()));
    }

    private CompletableFuture<Boolean> remind(UpdateCadence.Due due) {
        // the fold runs off the thread that read the history (an event loop)
        return incidents.history(due.tenant(), due.incident()).thenComposeAsync(history -> {
            List<IncidentEvent> facts = history.stream().map(RecordedIncidentEvent::event).toList();
            Incident state = IncidentDecider.fold(facts);
            UpdateCadence.Tracked actual = tracked(due.tenant(), facts, state);
            if (!actual.active() || actual.severity() != due.severity() || !actual.clockFrom().equals(due.clockFrom())) {
                return cadence.track(actual).thenApply(ignored -> false);
            }
            Notice notice = new Notice(NoticeType.UPDATE_DUE, due.dueAt(), ACTOR, state.drill(),
                    NoticeQueue.incident(state, null), null, SINCE.format(due.clockFrom()), 1, null);
            String seed = "update-due/" + due.incident() + "/" + due.clockFrom().toEpochMilli() + "/"
                    + due.dueAt().toEpochMilli();
            return queue.queue(due.tenant(), seed, notice, due.incident().toString())
                    .thenCompose(ignored -> cadence.reminded(due.incident(), due.clockFrom(), due.dueAt()))
                    .thenApply(ignored -> true);
        }, continuation);
    }
}

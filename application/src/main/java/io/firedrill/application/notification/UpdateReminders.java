package io.firedrill.application.notification;

import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.in.incident.RecordedIncidentEvent;
import io.firedrill.application.port.in.notification.UpdateDueReminders;
import io.firedrill.application.port.out.UpdateCadence;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.notification.Notice;
import io.firedrill.domain.notification.NoticeType;
import io.firedrill.domain.shared.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The cadence reminders ({@code incident.update-due}): a running incident whose severity has a cadence
 * ({@code firedrill.notifications.update-due.*}) and that went a whole interval without a status update is reminded
 * through the channels its routes reach, naming its commander and communications responders. One reminder per interval:
 * the message id is derived from the incident, the clock's start and the interval, so instances that find the same
 * incident due queue it once; an interval missed while no instance ran is not caught up, only the latest is sent.
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

    UpdateReminders(UpdateCadence cadence, IncidentQueries incidents, NoticeQueue queue,
                    Map<Severity, Duration> intervals, Clock clock) {
        this.cadence = cadence;
        this.incidents = incidents;
        this.queue = queue;
        this.intervals = Map.copyOf(intervals);
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Integer> remindDue() {
        if (intervals.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        Instant now = clock.instant();
        return cadence.due(now, intervals, BATCH).thenCompose(due -> {
            CompletableFuture<Integer> chain = CompletableFuture.completedFuture(0);
            // one at a time: a run is small, and a failure leaves the rest for the next run
            for (UpdateCadence.Due one : due) {
                chain = chain.thenCompose(count -> remind(one).thenApply(sent -> sent ? count + 1 : count));
            }
            return chain;
        });
    }

    /**
     * When the incident's clock started, as its facts say: the recording time of its latest status update, declaration
     * or reopening (as the feed keeps it, to the microsecond).
     */
    static Instant clockFrom(List<IncidentEvent> facts) {
        Instant from = Instant.EPOCH;
        for (IncidentEvent fact : facts) {
            if (NotificationFeed.restartsClock(fact)) {
                from = fact.recordedAt();
            }
        }
        return from.truncatedTo(ChronoUnit.MICROS);
    }

    private CompletableFuture<Boolean> remind(UpdateCadence.Due due) {
        return incidents.history(due.tenant(), due.incident()).thenCompose(history -> {
            List<IncidentEvent> facts = history.stream().map(RecordedIncidentEvent::event).toList();
            Incident state = IncidentDecider.fold(facts);
            boolean running = (state.status() == IncidentStatus.DETECTED || state.status() == IncidentStatus.MITIGATING)
                    && state.duplicateOf() == null;
            if (!running || state.severity() != due.severity() || !clockFrom(facts).equals(due.clockFrom())) {
                // the feed has not caught up with the incident's latest facts (an update, its end, a new severity):
                // once it has, the incident is due again, or not, as they say
                return CompletableFuture.completedFuture(false);
            }
            Duration interval = intervals.get(due.severity());
            Notice notice = new Notice(NoticeType.UPDATE_DUE, due.clockFrom().plus(interval.multipliedBy(due.interval())),
                    ACTOR, state.drill(), NoticeQueue.incident(state, null), null, SINCE.format(due.clockFrom()), 1,
                    null);
            String seed = "update-due/" + due.incident() + "/" + due.clockFrom().toEpochMilli() + "/" + due.interval();
            return queue.queue(due.tenant(), seed, notice, due.incident().toString())
                    .thenCompose(ignored -> cadence.reminded(due.incident(), due.clockFrom(), due.interval()))
                    .thenApply(ignored -> true);
        });
    }
}

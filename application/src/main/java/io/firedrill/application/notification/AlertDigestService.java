package io.firedrill.application.notification;

import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.in.incident.RecordedIncidentEvent;
import io.firedrill.application.port.in.notification.AlertDigests;
import io.firedrill.application.port.out.AlertWindows;
import io.firedrill.domain.incident.GroupingDecision;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentEvent.AlertReceived;
import io.firedrill.domain.notification.Notice;
import io.firedrill.domain.notification.NoticeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The alerts-joined notices: alerts that join a running incident (by its grouping key) are counted per window of
 * {@code firedrill.notifications.alerts-joined-window}, aligned to the clock (10:00, 10:05…), and each window in which
 * some joined is announced once, a grace period after it ended (alerts stamped just before the end may be stored a
 * moment after it), with their count and names. The count is read from the incident's history, so handling an alert
 * twice counts it once; the message id is derived from the incident and the window, so instances that find the same
 * window queue one notice. A window whose end is older than {@code fact-max-age} is not news any more: it is dropped.
 */
final class AlertDigestService implements AlertDigests {

    /** The most windows one run announces. */
    static final int BATCH = 100;
    /** The most alert names a notice lists. */
    static final int NAMES = 5;

    private final AlertWindows windows;
    private final IncidentQueries incidents;
    private final NoticeQueue queue;
    private final Duration window;
    private final Duration grace;
    private final Duration maxAge;
    private final Clock clock;
    private final Executor continuation;

    AlertDigestService(AlertWindows windows, IncidentQueries incidents, NoticeQueue queue, NotificationSettings settings,
                       Clock clock, Executor continuation) {
        this.windows = windows;
        this.incidents = incidents;
        this.queue = queue;
        this.window = settings.alertsJoinedWindow();
        this.grace = settings.alertsJoinedGrace();
        this.maxAge = settings.factMaxAge();
        this.clock = clock;
        this.continuation = continuation;
    }

    /** The start of the window an instant falls in. */
    static Instant windowOf(Instant at, Duration window) {
        long millis = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), millis) * millis);
    }

    /** Whether a fact is an alert joining an incident that a digest counts. */
    static boolean joins(IncidentEvent event) {
        return event instanceof AlertReceived received && received.decision() == GroupingDecision.JOINED_BY_KEY;
    }

    @Override
    public CompletableFuture<Integer> announceEnded() {
        Instant now = clock.instant();
        return windows.ended(now.minus(window).minus(grace), BATCH).thenCompose(ended -> OneAtATime.each(ended,
                one -> one.start().plus(window).isBefore(now.minus(maxAge))
                        // no news any more: dropped
                        ? windows.announced(one).thenApply(ignored -> false) : announce(one),
                one -> "The notice of the alerts that joined incident " + one.incident() + " from " + one.start()));
    }

    private CompletableFuture<Boolean> announce(AlertWindows.Window one) {
        Instant end = one.start().plus(window);
        // the fold runs off the thread that read the history (an event loop)
        return incidents.history(one.tenant(), one.incident()).thenComposeAsync(history -> {
            List<IncidentEvent> facts = new ArrayList<>(history.size());
            int count = 0;
            Set<String> names = new LinkedHashSet<>();
            for (RecordedIncidentEvent recorded : history) {
                IncidentEvent fact = recorded.event();
                facts.add(fact);
                // every fact is looked at: the log's order need not be the order of the instants
                if (joins(fact) && !fact.recordedAt().isBefore(one.start()) && fact.recordedAt().isBefore(end)) {
                    count++;
                    names.add(((AlertReceived) fact).alert().name());
                }
            }
            if (count == 0) {
                // nothing to say (the facts were not as the feed saw them): the window is done
                return windows.announced(one).thenApply(ignored -> false);
            }
            Incident state = IncidentDecider.fold(facts);
            Notice notice = new Notice(NoticeType.ALERTS_JOINED, end, UpdateReminders.ACTOR, state.drill(),
                    NoticeQueue.incident(state, null), null, names(names), count, null);
            String seed = "alerts-joined/" + one.incident() + "/" + one.start().toEpochMilli();
            return queue.queue(one.tenant(), seed, notice, one.incident().toString())
                    .thenCompose(ignored -> windows.announced(one))
                    .thenApply(ignored -> true);
        }, continuation);
    }

    private static String names(Set<String> names) {
        List<String> shown = names.stream().limit(NAMES).toList();
        String list = String.join(", ", shown);
        return names.size() > NAMES ? list + " (+" + (names.size() - NAMES) + ")" : list;
    }
}

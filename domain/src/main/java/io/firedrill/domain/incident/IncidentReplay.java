package io.firedrill.domain.incident;

import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.MilestoneTimeCorrected;
import io.firedrill.domain.incident.IncidentEvent.MitigationStarted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an incident looked like at an instant, replayed from its event log. Pure: the log is passed in.
 *
 * <p>Two views of time ({@link Knowledge}):
 * <ul>
 *   <li>{@link Knowledge#RECORDED}: what Firedrill knew at that instant. The events with
 *       {@code recordedAt <= at}, folded in log order; the state equals the live state right after the last
 *       of them was appended, version included.</li>
 *   <li>{@link Knowledge#OCCURRED}: what had actually happened by that instant, according to everything
 *       known now. Every fact gets an <em>effective time</em>: its {@code occurredAt}, except that the
 *       latest {@link MilestoneTimeCorrected} of a milestone re-times the fact that set it (the declaration's
 *       {@code detectedAt}, the acknowledgement, the mitigation start, or the resolution that was current
 *       when the correction was made). The incident exists from its effective detection time, because the
 *       problem had happened from then: the declaration's effective time is its (corrected)
 *       {@code detectedAt}, and a fact dated before that counts from the detection instant. Facts with an
 *       effective time {@code <= at} are folded in effective-time order (ties in log order). Corrections
 *       are not facts of their own in this view: they are applied by re-timing, so the facts in the
 *       timeline are copies carrying the corrected instants and folded states show the corrected
 *       instants. Hence {@link Incident#version()} of an OCCURRED state counts the facts folded, not the
 *       events in the stream.</li>
 * </ul>
 * The log must be the events of one incident in recording (append) order.
 */
public final class IncidentReplay {

    /** Which instant of a fact a replay goes by. */
    public enum Knowledge {
        /** What had actually happened by then ({@code occurredAt}, with corrections applied). */
        OCCURRED,
        /** What Firedrill knew by then ({@code recordedAt}). */
        RECORDED
    }

    private IncidentReplay() {
    }

    /** The incident at {@code at}; empty when it did not exist yet in that view. */
    public static Optional<Incident> asOf(List<IncidentEvent> log, Instant at, Knowledge knowledge) {
        return existing(IncidentDecider.fold(timelineAsOf(log, at, knowledge)));
    }

    /** The facts included at {@code at}, in the order they are folded. */
    public static List<IncidentEvent> timelineAsOf(List<IncidentEvent> log, Instant at, Knowledge knowledge) {
        return factsAsOf(log, at, knowledge).stream().map(ReplayedFact::fact).toList();
    }

    /**
     * A fact as a replay includes it.
     *
     * @param index the place in the log of the event it comes from (0-based)
     * @param effectiveAt the instant the replay goes by: {@code recordedAt}, or the (corrected) occurred-at
     * @param fact the event, or in the OCCURRED view its copy carrying a corrected instant
     */
    public record ReplayedFact(int index, Instant effectiveAt, IncidentEvent fact) {
    }

    /** The facts included at {@code at} with their log places, in the order they are folded. */
    public static List<ReplayedFact> factsAsOf(List<IncidentEvent> log, Instant at, Knowledge knowledge) {
        Objects.requireNonNull(at, "at");
        return entries(log, knowledge).stream()
                .filter(entry -> !entry.effective().isAfter(at))
                .map(entry -> new ReplayedFact(entry.index(), entry.effective(), entry.fact()))
                .toList();
    }

    /**
     * The states at {@code from} and {@code to}, the fields that changed and the facts in between (included at
     * {@code to} but not at {@code from}).
     *
     * @throws IllegalArgumentException when {@code from} is after {@code to}
     */
    public static ReplayDiff diff(List<IncidentEvent> log, Instant from, Instant to, Knowledge knowledge) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to");
        }
        List<Entry> entries = entries(log, knowledge);
        List<IncidentEvent> untilFrom = new ArrayList<>();
        List<IncidentEvent> untilTo = new ArrayList<>();
        List<IncidentEvent> between = new ArrayList<>();
        for (Entry entry : entries) {
            if (!entry.effective().isAfter(from)) {
                untilFrom.add(entry.fact());
            }
            if (!entry.effective().isAfter(to)) {
                untilTo.add(entry.fact());
                if (entry.effective().isAfter(from)) {
                    between.add(entry.fact());
                }
            }
        }
        Incident before = IncidentDecider.fold(untilFrom);
        Incident after = IncidentDecider.fold(untilTo);
        return new ReplayDiff(from, to, knowledge, existing(before), existing(after),
                ReplayDiff.changesBetween(before, after), between);
    }

    private static Optional<Incident> existing(Incident state) {
        return state.declared() ? Optional.of(state) : Optional.empty();
    }

    private record Entry(int index, Instant effective, IncidentEvent fact) {
    }

    private static List<Entry> entries(List<IncidentEvent> log, Knowledge knowledge) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(knowledge, "knowledge");
        return switch (knowledge) {
            case RECORDED -> recorded(log);
            case OCCURRED -> occurred(log);
        };
    }

    private static List<Entry> recorded(List<IncidentEvent> log) {
        List<Entry> entries = new ArrayList<>(log.size());
        for (int i = 0; i < log.size(); i++) {
            entries.add(new Entry(i, log.get(i).recordedAt(), log.get(i)));
        }
        return entries;
    }

    private static List<Entry> occurred(List<IncidentEvent> log) {
        Map<Integer, Instant> corrected = corrections(log);
        Instant detection = null;
        List<IncidentEvent> facts = new ArrayList<>(log.size());
        for (int i = 0; i < log.size(); i++) {
            IncidentEvent event = log.get(i);
            Instant correction = corrected.get(i);
            IncidentEvent fact = correction == null ? event : retimed(event, correction);
            facts.add(fact);
            if (fact instanceof IncidentDeclared declared && detection == null) {
                detection = declared.detectedAt();
            }
        }
        List<Entry> entries = new ArrayList<>(log.size());
        for (int i = 0; i < facts.size(); i++) {
            IncidentEvent fact = facts.get(i);
            if (fact instanceof MilestoneTimeCorrected) {
                continue;
            }
            Instant effective = fact instanceof IncidentDeclared declared ? declared.detectedAt() : fact.occurredAt();
            if (detection != null && effective.isBefore(detection)) {
                effective = detection;
            }
            entries.add(new Entry(i, effective, fact));
        }
        entries.sort(Comparator.comparing(Entry::effective)
                .thenComparing(entry -> !(entry.fact() instanceof IncidentDeclared))
                .thenComparingInt(Entry::index));
        return entries;
    }

    /**
     * For each fact a correction re-times, its log index and the latest corrected instant. A correction
     * targets the fact that set its milestone at the time the correction was recorded, following the rules
     * of {@link IncidentDecider#evolve}: the declaration for DETECTED, the earliest acknowledgement and
     * mitigation start, and the latest resolution.
     */
    private static Map<Integer, Instant> corrections(List<IncidentEvent> log) {
        Map<TimedMilestone, Integer> setBy = new EnumMap<>(TimedMilestone.class);
        Map<Integer, Instant> corrected = new HashMap<>();
        for (int i = 0; i < log.size(); i++) {
            IncidentEvent event = log.get(i);
            if (event instanceof IncidentDeclared) {
                setBy.putIfAbsent(TimedMilestone.DETECTED, i);
            } else if (event instanceof IncidentAcknowledged) {
                earliest(setBy, TimedMilestone.ACKNOWLEDGED, i, log, corrected);
            } else if (event instanceof MitigationStarted) {
                earliest(setBy, TimedMilestone.MITIGATED, i, log, corrected);
            } else if (event instanceof IncidentResolved) {
                setBy.put(TimedMilestone.RESOLVED, i);
            } else if (event instanceof MilestoneTimeCorrected correction) {
                Integer target = setBy.get(correction.milestone());
                if (target != null) {
                    corrected.put(target, correction.correctedTo());
                }
            }
        }
        return corrected;
    }

    private static void earliest(Map<TimedMilestone, Integer> setBy, TimedMilestone milestone, int index,
                                 List<IncidentEvent> log, Map<Integer, Instant> corrected) {
        Integer current = setBy.get(milestone);
        if (current == null) {
            setBy.put(milestone, index);
            return;
        }
        Instant currentAt = corrected.getOrDefault(current, log.get(current).occurredAt());
        if (log.get(index).occurredAt().isBefore(currentAt)) {
            setBy.put(milestone, index);
        }
    }

    /** A copy of a milestone-setting fact carrying the corrected instant; other facts are not re-timed. */
    private static IncidentEvent retimed(IncidentEvent event, Instant at) {
        if (event instanceof IncidentDeclared e) {
            return new IncidentDeclared(e.incidentId(), e.by(), e.number(), e.title(), e.summary(), e.severity(),
                    e.services(), e.commander(), e.tags(), at, e.drill(), e.occurredAt(), e.recordedAt());
        }
        if (event instanceof IncidentAcknowledged e) {
            return new IncidentAcknowledged(e.incidentId(), e.by(), at, e.recordedAt());
        }
        if (event instanceof MitigationStarted e) {
            return new MitigationStarted(e.incidentId(), e.by(), e.note(), at, e.recordedAt());
        }
        if (event instanceof IncidentResolved e) {
            return new IncidentResolved(e.incidentId(), e.by(), e.note(), at, e.recordedAt());
        }
        return event;
    }
}

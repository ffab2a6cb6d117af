package io.firedrill.domain.postmortem;

import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentReopened;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.MilestoneTimeCorrected;
import io.firedrill.domain.incident.IncidentEvent.MitigationStarted;
import io.firedrill.domain.incident.IncidentEvent.SeverityDowngraded;
import io.firedrill.domain.incident.IncidentEvent.SeverityEscalated;
import io.firedrill.domain.incident.TimedMilestone;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which statements of a postmortem rest on facts that a later fact corrected.
 *
 * <p>A fact is corrected by a later fact in the incident's log (later by position, not by instant):
 * <ul>
 *   <li>a {@link MilestoneTimeCorrected} corrects the facts that established that milestone's instant —
 *       the declaration for {@link TimedMilestone#DETECTED}, an acknowledgement for
 *       {@link TimedMilestone#ACKNOWLEDGED}, a start of mitigation for {@link TimedMilestone#MITIGATED}, the
 *       resolutions since the latest reopen for {@link TimedMilestone#RESOLVED} — and earlier corrections of
 *       the same milestone;</li>
 *   <li>a {@link SeverityEscalated} or {@link SeverityDowngraded} corrects the declaration's severity and
 *       every earlier severity change.</li>
 * </ul>
 * A statement that cites a corrected fact is stale unless it takes the correction into account: a written
 * statement (the direct cause, a why) when it cites the correcting fact too; a timeline row when the
 * timeline cites it (a refreshed pre-fill shows the corrected instant and the later severity change).
 */
public final class Staleness {

    private Staleness() {
    }

    /** Every corrected fact's event id, in log order, with the ids of the later facts that correct it. */
    public static Map<String, Set<String>> corrections(List<SourcedFact> incidentLog) {
        Objects.requireNonNull(incidentLog, "incidentLog");
        Map<TimedMilestone, List<String>> established = new EnumMap<>(TimedMilestone.class);
        for (TimedMilestone milestone : TimedMilestone.values()) {
            established.put(milestone, new ArrayList<>());
        }
        List<String> severity = new ArrayList<>();
        Map<String, Set<String>> corrected = new LinkedHashMap<>();
        for (SourcedFact sourced : incidentLog) {
            String id = sourced.eventId();
            switch (sourced.fact()) {
                case IncidentDeclared e -> {
                    established.get(TimedMilestone.DETECTED).add(id);
                    severity.add(id);
                }
                case IncidentAcknowledged e -> established.get(TimedMilestone.ACKNOWLEDGED).add(id);
                case MitigationStarted e -> established.get(TimedMilestone.MITIGATED).add(id);
                case IncidentResolved e -> established.get(TimedMilestone.RESOLVED).add(id);
                case IncidentReopened e -> established.get(TimedMilestone.RESOLVED).clear();
                case MilestoneTimeCorrected e -> correct(established.get(e.milestone()), id, corrected);
                case SeverityEscalated e -> correct(severity, id, corrected);
                case SeverityDowngraded e -> correct(severity, id, corrected);
                default -> {
                    // Corrects nothing.
                }
            }
        }
        Map<String, Set<String>> inLogOrder = new LinkedHashMap<>();
        for (SourcedFact sourced : incidentLog) {
            Set<String> by = corrected.get(sourced.eventId());
            if (by != null) {
                inLogOrder.put(sourced.eventId(), Collections.unmodifiableSet(by));
            }
        }
        return Collections.unmodifiableMap(inLogOrder);
    }

    /** The ids of every fact that a later fact corrected. */
    public static Set<String> staleEvidence(List<SourcedFact> incidentLog) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(corrections(incidentLog).keySet()));
    }

    /**
     * The paths of the postmortem's stale statements, in the order {@code directCause}, {@code fiveWhys[i]},
     * {@code timeline[i]}.
     */
    public static List<String> staleStatements(Postmortem postmortem, List<SourcedFact> incidentLog) {
        Objects.requireNonNull(postmortem, "postmortem");
        Map<String, Set<String>> corrections = corrections(incidentLog);
        List<String> stale = new ArrayList<>();
        Sections sections = postmortem.sections();
        if (sections.directCause() != null && stale(sections.directCause().evidence(),
                sections.directCause().evidence(), corrections)) {
            stale.add("directCause");
        }
        for (int i = 0; i < sections.fiveWhys().size(); i++) {
            List<String> evidence = sections.fiveWhys().get(i).evidence();
            if (stale(evidence, evidence, corrections)) {
                stale.add("fiveWhys[" + i + "]");
            }
        }
        if (postmortem.prefill() != null) {
            List<TimelineRow> timeline = postmortem.prefill().timeline();
            Set<String> known = new HashSet<>();
            timeline.forEach(row -> known.addAll(row.eventIds()));
            for (int i = 0; i < timeline.size(); i++) {
                if (stale(timeline.get(i).eventIds(), known, corrections)) {
                    stale.add("timeline[" + i + "]");
                }
            }
        }
        return List.copyOf(stale);
    }

    private static void correct(List<String> facts, String correction, Map<String, Set<String>> corrected) {
        for (String fact : facts) {
            corrected.computeIfAbsent(fact, f -> new LinkedHashSet<>()).add(correction);
        }
        facts.add(correction);
    }

    private static boolean stale(List<String> cited, Collection<String> accountedFor,
                                 Map<String, Set<String>> corrections) {
        for (String id : cited) {
            if (!accountedFor.containsAll(corrections.getOrDefault(id, Set.of()))) {
                return true;
            }
        }
        return false;
    }
}

package io.firedrill.adapter.rest.postmortem;

import io.firedrill.application.port.in.postmortem.Postmortems;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.postmortem.BlamelessWarning;
import io.firedrill.domain.postmortem.Impact;
import io.firedrill.domain.postmortem.Lessons;
import io.firedrill.domain.postmortem.PlannedAction;
import io.firedrill.domain.postmortem.Postmortem;
import io.firedrill.domain.postmortem.PostmortemStatus;
import io.firedrill.domain.postmortem.Prefill;
import io.firedrill.domain.postmortem.ReviewComment;
import io.firedrill.domain.postmortem.Sections;
import io.firedrill.domain.postmortem.Statement;
import io.firedrill.domain.postmortem.TimelineRow;
import io.firedrill.domain.postmortem.Why;
import io.firedrill.domain.shared.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A postmortem as the API shows it: the pre-filled part (basic info, times, timeline, all derived from the
 * incident's events), the sections people wrote, the review state, and which statements are stale.
 *
 * @param incidentStatus the incident's status now
 * @param stale the statements and timeline rows that cite a fact a later fact corrected, as paths
 *     ({@code directCause}, {@code fiveWhys[0]}, {@code timeline[3]})
 * @param warnings the blameless check's warnings of the latest submission for review
 * @param version the number of facts in the postmortem's log (the ETag)
 */
public record PostmortemRepresentation(String id, String incidentId, IncidentStatus incidentStatus,
                                       PostmortemStatus status, BasicInfo basicInfo, Times times,
                                       List<TimelineRow> timeline, String summary, Impact impact, Statement directCause,
                                       List<Why> fiveWhys, List<String> contributingFactors,
                                       List<PlannedAction> actions, Lessons lessons, List<String> references,
                                       List<String> stale, String submittedBy, List<String> approvals,
                                       List<ReviewComment> reviews, List<BlamelessWarning> warnings,
                                       Instant createdAt, Instant publishedAt, long version) {

    /** Who and what the incident was, from its events. */
    public record BasicInfo(String number, String title, Severity severity, List<String> services, String commander,
                            List<String> participants, Instant startedAt, Instant endedAt) {
    }

    /** This incident's response times from detection, in seconds; {@code null} when not reached. */
    public record Times(Long timeToAcknowledgeSeconds, Long timeToMitigateSeconds, Long timeToResolveSeconds) {
    }

    static PostmortemRepresentation of(Postmortems.View view) {
        Postmortem p = view.postmortem();
        Prefill f = p.prefill();
        Sections s = p.sections();
        return new PostmortemRepresentation(p.id().toString(), p.incidentId().toString(), view.incident().status(),
                p.status(),
                new BasicInfo(f.number(), f.title(), f.severity(), f.services(), f.commander(), f.participants(),
                        f.startedAt(), f.endedAt()),
                new Times(seconds(f.timeToAcknowledge()), seconds(f.timeToMitigate()), seconds(f.timeToResolve())),
                f.timeline(), s.summary(), s.impact(), s.directCause(), s.fiveWhys(), s.contributingFactors(),
                s.actions(), s.lessons(), s.references(), view.stale(), p.submittedBy(), p.approvals(),
                p.reviewComments(), p.lastWarnings(), p.createdAt(), p.publishedAt(), p.version());
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }
}

package io.firedrill.application.postmortem;

import static io.firedrill.application.testing.Contexts.ACME;
import static io.firedrill.application.testing.Contexts.ALICE;
import static io.firedrill.application.testing.Contexts.BOB;
import static io.firedrill.application.testing.Contexts.api;
import static io.firedrill.application.testing.Incidents.ID;
import static io.firedrill.application.testing.Incidents.NOW;
import static io.firedrill.application.testing.Incidents.recovered;
import static io.firedrill.application.testing.Incidents.reopened;
import static io.firedrill.application.testing.Incidents.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.application.incident.IncidentSlice;
import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.testing.CommandFixture;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentEvent.IncidentReviewed;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.postmortem.PostmortemCommand.DraftPostmortem;
import io.firedrill.domain.postmortem.PostmortemCommand.PublishPostmortem;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemApproved;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemDrafted;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemEdited;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemPublished;
import io.firedrill.domain.postmortem.PostmortemEvent.SubmittedForReview;
import io.firedrill.domain.postmortem.PostmortemEvent;
import io.firedrill.domain.postmortem.PostmortemId;
import io.firedrill.domain.postmortem.Prefill;
import io.firedrill.domain.postmortem.SectionsPatch;
import io.firedrill.domain.postmortem.SourcedFact;
import io.firedrill.domain.postmortem.Statement;
import io.firedrill.domain.postmortem.Why;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The postmortem slice's command path: drafting, and publishing, which decides over the postmortem's and its
 * incident's logs together and appends to both in one go.
 */
class PostmortemSliceTest {

    private static final PostmortemId PM = PostmortemId.forIncident(ID);
    private static final CommandContext ALICE_AT_ACME = api(ACME, ALICE);
    private static final CommandContext BOB_AT_ACME = api(ACME, BOB);
    private static final SectionsPatch COMPLETE = SectionsPatch.NONE
            .withSummary("Checkout failed for 30 minutes.")
            .withDirectCause(new Statement("The payments client waited forever.", List.of()))
            .withFiveWhys(List.of(new Why("Why did checkout fail?", "The payments client had no timeout.", List.of())));

    @AutoClose
    private final CommandFixture fixture = CommandFixture.at(NOW);

    /** The pre-filled part as the postmortem use case derives it from the recovered incident's log. */
    private static Prefill prefill() {
        List<IncidentEvent> log = recovered();
        return Prefill.from(IntStream.range(0, log.size())
                .mapToObj(i -> new SourcedFact("e" + i, log.get(i))).toList());
    }

    /** Drafted and completed by alice, submitted by her and approved by bob, the day the incident recovered. */
    private static List<PostmortemEvent> writtenByAlice() {
        return List.of(new PostmortemDrafted(PM, ALICE, ID, prefill(), t(60)),
                new PostmortemEdited(PM, ALICE, COMPLETE, t(90)), new SubmittedForReview(PM, ALICE, List.of(), t(120)));
    }

    private static PostmortemApproved approvedByBob() {
        return new PostmortemApproved(PM, BOB, null, t(180));
    }

    @Test
    void givenRecoveredIncident_whenDraft_thenPostmortemDraftedWithThePrefill() {
        IncidentStatus status = IncidentDecider.fold(recovered()).status();
        fixture.given(ALICE_AT_ACME, recovered())
                .when(new DraftPostmortem(PM, ALICE, ID, status, prefill()), ALICE_AT_ACME)
                .then(new PostmortemDrafted(PM, ALICE, ID, prefill(), NOW))
                .storedAs("postmortem.PostmortemDrafted");
    }

    @Test
    void givenApprovedPostmortemOfRecoveredIncident_whenPublish_thenPublishedAndIncidentReviewedInOneAppend() {
        PostmortemPublished published = new PostmortemPublished(PM, BOB, NOW);
        IncidentReviewed reviewed = new IncidentReviewed(ID, BOB, PM.toString(), NOW, NOW);
        fixture.given(ALICE_AT_ACME, recovered())
                .and(ALICE_AT_ACME, writtenByAlice())
                .and(BOB_AT_ACME, approvedByBob())
                .when(new PublishPostmortem(PM, ID, BOB), BOB_AT_ACME)
                .then(published, reviewed)
                .storedAs("postmortem.PostmortemPublished", "incident.IncidentReviewed");
        assertThat(fixture.events(PostmortemSlice.criteria(ACME, PM))).as("the postmortem's log").last()
                .isEqualTo(published);
        assertThat(fixture.events(IncidentSlice.criteria(ACME, ID))).as("the incident's log").last()
                .isEqualTo(reviewed);
    }

    @Test
    void givenPublished_whenPublishAgain_thenNothingAppended() {
        fixture.given(ALICE_AT_ACME, recovered())
                .and(ALICE_AT_ACME, writtenByAlice())
                .and(BOB_AT_ACME, approvedByBob())
                .and(BOB_AT_ACME, new PostmortemPublished(PM, BOB, t(240)),
                        new IncidentReviewed(ID, BOB, PM.toString(), t(240), t(240)))
                .when(new PublishPostmortem(PM, ID, BOB), BOB_AT_ACME)
                .thenNothingAppended();
    }

    @Test
    void givenApprovedPostmortemOfReopenedIncident_whenPublish_thenIncidentNotRecovered() {
        fixture.given(ALICE_AT_ACME, recovered())
                .and(ALICE_AT_ACME, writtenByAlice())
                .and(BOB_AT_ACME, approvedByBob())
                .and(ALICE_AT_ACME, reopened(t(200)))
                .when(new PublishPostmortem(PM, ID, BOB), BOB_AT_ACME)
                .thenRule("INCIDENT_NOT_RECOVERED");
    }
}

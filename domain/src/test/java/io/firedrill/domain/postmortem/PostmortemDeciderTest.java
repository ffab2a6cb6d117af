package io.firedrill.domain.postmortem;

import static io.firedrill.domain.postmortem.PostmortemFixtures.ALICE;
import static io.firedrill.domain.postmortem.PostmortemFixtures.BOB;
import static io.firedrill.domain.postmortem.PostmortemFixtures.CAROL;
import static io.firedrill.domain.postmortem.PostmortemFixtures.DAVE;
import static io.firedrill.domain.postmortem.PostmortemFixtures.ID;
import static io.firedrill.domain.postmortem.PostmortemFixtures.INCIDENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.firedrill.domain.actionitem.ActionKind;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.postmortem.PostmortemCommand.ApprovePostmortem;
import io.firedrill.domain.postmortem.PostmortemCommand.DraftPostmortem;
import io.firedrill.domain.postmortem.PostmortemCommand.EditPostmortem;
import io.firedrill.domain.postmortem.PostmortemCommand.PublishPostmortem;
import io.firedrill.domain.postmortem.PostmortemCommand.RefreshPrefill;
import io.firedrill.domain.postmortem.PostmortemCommand.RequestChanges;
import io.firedrill.domain.postmortem.PostmortemCommand.SubmitForReview;
import io.firedrill.domain.postmortem.PostmortemEvent.ChangesRequested;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemApproved;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemDrafted;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemEdited;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemPublished;
import io.firedrill.domain.postmortem.PostmortemEvent.PrefillRefreshed;
import io.firedrill.domain.postmortem.PostmortemEvent.SubmittedForReview;
import io.firedrill.domain.postmortem.PostmortemRuleViolation.Rule;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostmortemDeciderTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final String ITEM = "2c9a1f0e-0000-4000-8000-000000000001";
    private static final Prefill PREFILL = new Prefill("INC-2026-0042", "Checkout returns 500", Severity.P1,
            List.of("checkout"), "alice", List.of("alice", "bob"), PostmortemFixtures.T0, PostmortemFixtures.t(30),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(30), List.of());
    private static final Prefill LATER_PREFILL = new Prefill("INC-2026-0042", "Checkout returns 500", Severity.P0,
            List.of("checkout"), "carol", List.of("alice", "bob", "carol"), PostmortemFixtures.T0,
            PostmortemFixtures.t(30), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(30), List.of());

    private static final Why WHY = new Why("Why did checkout fail?", "The payments client had no timeout.", List.of());
    private static final PlannedAction LINKED = new PlannedAction("Add a timeout to the payments client",
            ActionKind.CORRECTIVE, Horizon.IMMEDIATE, ITEM, null);
    private static final PlannedAction WAIVED = new PlannedAction("Rewrite the payments client", ActionKind.PREVENTIVE,
            Horizon.LONG_TERM, null, "covered by the platform migration");
    private static final PlannedAction OPEN = new PlannedAction("Load test checkout", ActionKind.PREVENTIVE,
            Horizon.SHORT_TERM, null, null);

    private static final SectionsPatch COMPLETE = SectionsPatch.NONE
            .withSummary("Checkout failed for 30 minutes.")
            .withDirectCause(new Statement("The payments client waited forever.", List.of()))
            .withFiveWhys(List.of(WHY))
            .withActions(List.of(LINKED, WAIVED));

    private static PostmortemDrafted drafted() {
        return new PostmortemDrafted(ID, ALICE, INCIDENT, PREFILL, NOW);
    }

    private static PostmortemEdited edited(SectionsPatch patch) {
        return new PostmortemEdited(ID, ALICE, patch, NOW);
    }

    private static SubmittedForReview submitted(Actor by) {
        return new SubmittedForReview(ID, by, List.of(), NOW);
    }

    private static PostmortemApproved approved(Actor by) {
        return new PostmortemApproved(ID, by, null, NOW);
    }

    private static List<PostmortemEvent> decide(List<PostmortemEvent> history, PostmortemCommand command) {
        return PostmortemDecider.decide(command, PostmortemDecider.fold(history), NOW);
    }

    private static Postmortem after(List<PostmortemEvent> history, List<PostmortemEvent> events) {
        List<PostmortemEvent> all = new ArrayList<>(history);
        all.addAll(events);
        return PostmortemDecider.fold(all);
    }

    private static PostmortemRuleViolation violation(List<PostmortemEvent> history, PostmortemCommand command) {
        PostmortemRuleViolation violation = catchThrowableOfType(PostmortemRuleViolation.class,
                () -> decide(history, command));
        assertThat(violation).as("decide must refuse %s", command).isNotNull();
        return violation;
    }

    private static Rule refused(List<PostmortemEvent> history, PostmortemCommand command) {
        return violation(history, command).rule();
    }

    private static EditPostmortem edit(SectionsPatch patch) {
        return new EditPostmortem(ID, ALICE, patch);
    }

    /** Complete, submitted by alice and approved by bob. */
    private static List<PostmortemEvent> approvedHistory() {
        return List.of(drafted(), edited(COMPLETE), submitted(ALICE), approved(BOB));
    }

    @Test
    void givenNothing_whenDraftForRecoveredIncident_thenDraftedWithPrefillAndNothingWritten() {
        List<PostmortemEvent> events = decide(List.of(),
                new DraftPostmortem(ID, ALICE, INCIDENT, IncidentStatus.RECOVERED, PREFILL));

        assertThat(events).containsExactly(drafted());
        Postmortem state = after(List.of(), events);
        assertThat(state.status()).isEqualTo(PostmortemStatus.DRAFT);
        assertThat(state.incidentId()).isEqualTo(INCIDENT);
        assertThat(state.prefill()).isEqualTo(PREFILL);
        assertThat(state.sections()).isEqualTo(Sections.EMPTY);
        assertThat(state.createdAt()).isEqualTo(NOW);
        assertThat(state.version()).isEqualTo(1);
    }

    @Test
    void givenNothing_whenDraftWhileIncidentIsMitigating_thenRefusedAsNotRecovered() {
        assertThat(refused(List.of(), new DraftPostmortem(ID, ALICE, INCIDENT, IncidentStatus.MITIGATING, PREFILL)))
                .isEqualTo(Rule.INCIDENT_NOT_RECOVERED);
    }

    @Test
    void givenNothing_whenDraftForReviewedIncident_thenRefusedAsNotRecovered() {
        assertThat(refused(List.of(), new DraftPostmortem(ID, ALICE, INCIDENT, IncidentStatus.REVIEWED, PREFILL)))
                .isEqualTo(Rule.INCIDENT_NOT_RECOVERED);
    }

    @Test
    void givenDrafted_whenDraftAgain_thenRefusedAsAlreadyDrafted() {
        assertThat(refused(List.of(drafted()),
                new DraftPostmortem(ID, BOB, INCIDENT, IncidentStatus.RECOVERED, PREFILL)))
                .isEqualTo(Rule.ALREADY_DRAFTED);
    }

    @Test
    void givenNothing_whenEdit_thenRefusedAsNotDrafted() {
        assertThat(refused(List.of(), edit(COMPLETE))).isEqualTo(Rule.POSTMORTEM_NOT_DRAFTED);
    }

    @Test
    void givenDraft_whenEditSomeSections_thenEditedWithThoseSectionsAndTheOthersStayEmpty() {
        SectionsPatch patch = SectionsPatch.NONE.withSummary("Checkout failed.").withFiveWhys(List.of(WHY));

        List<PostmortemEvent> events = decide(List.of(drafted()), edit(patch));

        assertThat(events).containsExactly(edited(patch));
        Sections sections = after(List.of(drafted()), events).sections();
        assertThat(sections.summary()).isEqualTo("Checkout failed.");
        assertThat(sections.fiveWhys()).containsExactly(WHY);
        assertThat(sections.directCause()).isNull();
        assertThat(sections.impact()).isEqualTo(Impact.NONE);
        assertThat(sections.actions()).isEmpty();
    }

    @Test
    void givenWrittenSections_whenAPatchHoldsOneSection_thenItReplacesThatSectionWhollyAndTouchesNoOther() {
        List<PostmortemEvent> history = List.of(drafted(), edited(COMPLETE.withLessons(
                new Lessons(List.of("paging worked"), List.of("dashboards")))));
        SectionsPatch onlyWhys = SectionsPatch.NONE.withFiveWhys(List.of(
                new Why("Why no timeout?", "The default is infinite.", List.of("e1"))));

        Sections sections = after(history, decide(history, edit(onlyWhys))).sections();

        assertThat(sections.fiveWhys()).containsExactly(new Why("Why no timeout?", "The default is infinite.",
                List.of("e1")));
        assertThat(sections.summary()).isEqualTo(COMPLETE.summary());
        assertThat(sections.directCause()).isEqualTo(COMPLETE.directCause());
        assertThat(sections.actions()).containsExactly(LINKED, WAIVED);
        assertThat(sections.lessons().wentWell()).containsExactly("paging worked");
    }

    @Test
    void givenWrittenSections_whenAPatchRepeatsSomeSectionsAndChangesOne_thenTheEventHoldsOnlyTheChangedOne() {
        List<PostmortemEvent> history = List.of(drafted(), edited(COMPLETE));

        List<PostmortemEvent> events = decide(history, edit(COMPLETE.withSummary("Checkout failed for 31 minutes.")));

        assertThat(events).containsExactly(edited(SectionsPatch.NONE.withSummary("Checkout failed for 31 minutes.")));
    }

    @Test
    void givenWrittenSections_whenTheSamePatchIsSentAgain_thenNoEvents() {
        List<PostmortemEvent> history = List.of(drafted(), edited(COMPLETE));

        assertThat(decide(history, edit(COMPLETE))).isEmpty();
        assertThat(decide(history, edit(SectionsPatch.NONE))).isEmpty();
    }

    @Test
    void givenWrittenSections_whenAPatchClearsSummaryAndDirectCause_thenClearedAndTheClearingIsRecorded() {
        List<PostmortemEvent> history = List.of(drafted(), edited(COMPLETE));
        SectionsPatch clear = SectionsPatch.NONE.withSummary("").withDirectCause(new Statement(" ", List.of()))
                .withActions(List.of());

        List<PostmortemEvent> events = decide(history, edit(clear));

        assertThat(events).containsExactly(edited(SectionsPatch.NONE.withSummary("")
                .withDirectCause(new Statement("", List.of())).withActions(List.of())));
        Sections sections = after(history, events).sections();
        assertThat(sections.summary()).isNull();
        assertThat(sections.directCause()).isNull();
        assertThat(sections.actions()).isEmpty();
        assertThat(sections.fiveWhys()).containsExactly(WHY);
    }

    @Test
    void givenInReview_whenEdit_thenRefusedAsNotEditable() {
        List<PostmortemEvent> inReview = List.of(drafted(), submitted(ALICE));

        assertThat(refused(inReview, edit(COMPLETE))).isEqualTo(Rule.NOT_EDITABLE);
    }

    @Test
    void givenPublished_whenEdit_thenRefusedAsNotEditable() {
        List<PostmortemEvent> published = concat(approvedHistory(), new PostmortemPublished(ID, BOB, NOW));

        assertThat(refused(published, edit(SectionsPatch.NONE.withSummary("x")))).isEqualTo(Rule.NOT_EDITABLE);
    }

    @Test
    void givenWrittenSections_whenPrefillRefreshed_thenPrefillReplacedAndSectionsUntouched() {
        List<PostmortemEvent> history = List.of(drafted(), edited(COMPLETE));

        List<PostmortemEvent> events = decide(history, new RefreshPrefill(ID, DAVE, LATER_PREFILL));

        assertThat(events).containsExactly(new PrefillRefreshed(ID, DAVE, LATER_PREFILL, NOW));
        Postmortem state = after(history, events);
        assertThat(state.prefill()).isEqualTo(LATER_PREFILL);
        assertThat(state.sections()).isEqualTo(PostmortemDecider.fold(history).sections());
    }

    @Test
    void givenDraft_whenRefreshedWithAnEqualPrefill_thenNoEvents() {
        assertThat(decide(List.of(drafted()), new RefreshPrefill(ID, DAVE, PREFILL))).isEmpty();
    }

    @Test
    void givenInReview_whenPrefillRefreshed_thenRefreshedAndStillInReviewWithItsApprovals() {
        List<PostmortemEvent> history = List.of(drafted(), submitted(ALICE), approved(BOB));

        List<PostmortemEvent> events = decide(history, new RefreshPrefill(ID, DAVE, LATER_PREFILL));

        assertThat(events).containsExactly(new PrefillRefreshed(ID, DAVE, LATER_PREFILL, NOW));
        assertThat(after(history, events).status()).isEqualTo(PostmortemStatus.IN_REVIEW);
        assertThat(after(history, events).approvals()).containsExactly("bob");
    }

    @Test
    void givenPublished_whenPrefillRefreshed_thenRefusedAsNotEditable() {
        List<PostmortemEvent> published = concat(approvedHistory(), new PostmortemPublished(ID, BOB, NOW));

        assertThat(refused(published, new RefreshPrefill(ID, DAVE, LATER_PREFILL))).isEqualTo(Rule.NOT_EDITABLE);
    }

    @Test
    void givenDraftThatBlames_whenSubmitted_thenInReviewAndTheEventCarriesTheWarnings() {
        List<PostmortemEvent> history = List.of(drafted(), edited(SectionsPatch.NONE
                .withSummary("Checkout failed. It was the fault of the on-call engineer.")));

        List<PostmortemEvent> events = decide(history, new SubmitForReview(ID, ALICE, null));

        BlamelessWarning warning = new BlamelessWarning("summary", 1, 28, "fault of",
                "It was the fault of the on-call engineer.");
        assertThat(events).containsExactly(new SubmittedForReview(ID, ALICE, List.of(warning), NOW));
        Postmortem state = after(history, events);
        assertThat(state.status()).isEqualTo(PostmortemStatus.IN_REVIEW);
        assertThat(state.submittedBy()).isEqualTo("alice");
        assertThat(state.lastWarnings()).containsExactly(warning);
    }

    @Test
    void givenInReview_whenSubmittedAgain_thenNoEvents() {
        assertThat(decide(List.of(drafted(), submitted(ALICE)), new SubmitForReview(ID, ALICE, null))).isEmpty();
    }

    @Test
    void givenPublished_whenSubmitted_thenRefusedAsIllegalTransition() {
        List<PostmortemEvent> published = concat(approvedHistory(), new PostmortemPublished(ID, BOB, NOW));

        assertThat(refused(published, new SubmitForReview(ID, ALICE, null))).isEqualTo(Rule.ILLEGAL_TRANSITION);
    }

    @Test
    void givenInReview_whenTheSubmitterApproves_thenRefusedAsSelfApproval() {
        assertThat(refused(List.of(drafted(), submitted(ALICE)), new ApprovePostmortem(ID, ALICE, "lgtm")))
                .isEqualTo(Rule.SELF_APPROVAL);
    }

    @Test
    void givenInReview_whenAReviewerApproves_thenApprovedWithTheCommentRecorded() {
        List<PostmortemEvent> history = List.of(drafted(), submitted(ALICE));

        List<PostmortemEvent> events = decide(history, new ApprovePostmortem(ID, BOB, "clear and blameless"));

        assertThat(events).containsExactly(new PostmortemApproved(ID, BOB, "clear and blameless", NOW));
        Postmortem state = after(history, events);
        assertThat(state.approvals()).containsExactly("bob");
        assertThat(state.reviewComments()).containsExactly(
                new ReviewComment("bob", ReviewComment.Kind.APPROVED, "clear and blameless", NOW));
    }

    @Test
    void givenApprovedByBob_whenBobApprovesAgain_thenNoEventsButAnotherReviewerAddsTheirs() {
        List<PostmortemEvent> history = List.of(drafted(), submitted(ALICE), approved(BOB));

        assertThat(decide(history, new ApprovePostmortem(ID, BOB, "still fine"))).isEmpty();
        List<PostmortemEvent> events = decide(history, new ApprovePostmortem(ID, CAROL, null));
        assertThat(after(history, events).approvals()).containsExactly("bob", "carol");
    }

    @Test
    void givenDraft_whenApproved_thenRefusedAsIllegalTransition() {
        assertThat(refused(List.of(drafted()), new ApprovePostmortem(ID, BOB, null)))
                .isEqualTo(Rule.ILLEGAL_TRANSITION);
    }

    @Test
    void givenApprovedInReview_whenChangesRequested_thenBackToDraftWithApprovalsCleared() {
        List<PostmortemEvent> history = approvedHistory();

        List<PostmortemEvent> events = decide(history, new RequestChanges(ID, CAROL, "add the impact"));

        assertThat(events).containsExactly(new ChangesRequested(ID, CAROL, "add the impact", NOW));
        Postmortem state = after(history, events);
        assertThat(state.status()).isEqualTo(PostmortemStatus.DRAFT);
        assertThat(state.approvals()).isEmpty();
        assertThat(state.submittedBy()).isNull();
        assertThat(state.reviewComments()).extracting(ReviewComment::kind)
                .containsExactly(ReviewComment.Kind.APPROVED, ReviewComment.Kind.CHANGES_REQUESTED);
    }

    @Test
    void givenChangesRequestedThenResubmitted_whenPublished_thenRefusedUntilApprovedAgain() {
        List<PostmortemEvent> history = concat(approvedHistory(), new ChangesRequested(ID, CAROL, "add the impact", NOW),
                submitted(ALICE));

        assertThat(refused(history, new PublishPostmortem(ID, INCIDENT, ALICE))).isEqualTo(Rule.NOT_APPROVED);
    }

    @Test
    void givenChangesJustRequested_whenTheSameRequestIsRetried_thenNoEvents() {
        List<PostmortemEvent> history = concat(approvedHistory(), new ChangesRequested(ID, CAROL, "add the impact", NOW));

        assertThat(decide(history, new RequestChanges(ID, CAROL, "add the impact"))).isEmpty();
    }

    @Test
    void givenDraft_whenChangesRequested_thenRefusedAsIllegalTransition() {
        assertThat(refused(List.of(drafted()), new RequestChanges(ID, CAROL, "why?")))
                .isEqualTo(Rule.ILLEGAL_TRANSITION);
    }

    @Test
    void givenApprovedAndComplete_whenPublished_thenPublishedAndPublishingAgainChangesNothing() {
        List<PostmortemEvent> history = approvedHistory();

        List<PostmortemEvent> events = decide(history, new PublishPostmortem(ID, INCIDENT, ALICE));

        assertThat(events).containsExactly(new PostmortemPublished(ID, ALICE, NOW));
        Postmortem state = after(history, events);
        assertThat(state.status()).isEqualTo(PostmortemStatus.PUBLISHED);
        assertThat(state.publishedAt()).isEqualTo(NOW);
        assertThat(decide(concat(history, events.getFirst()), new PublishPostmortem(ID, INCIDENT, ALICE))).isEmpty();
    }

    @Test
    void givenDraft_whenPublished_thenRefusedAsIllegalTransition() {
        assertThat(refused(List.of(drafted(), edited(COMPLETE)), new PublishPostmortem(ID, INCIDENT, ALICE)))
                .isEqualTo(Rule.ILLEGAL_TRANSITION);
    }

    @Test
    void givenCompleteInReviewWithoutApproval_whenPublished_thenRefusedAsNotApproved() {
        assertThat(refused(List.of(drafted(), edited(COMPLETE), submitted(ALICE)), new PublishPostmortem(ID, INCIDENT, ALICE)))
                .isEqualTo(Rule.NOT_APPROVED);
    }

    @Test
    void givenApprovedButIncomplete_whenPublished_thenOneViolationListingEveryMissingPart() {
        List<PostmortemEvent> history = List.of(drafted(),
                edited(SectionsPatch.NONE.withActions(List.of(LINKED, OPEN, WAIVED, OPEN))), submitted(ALICE),
                approved(BOB));

        PostmortemRuleViolation violation = violation(history, new PublishPostmortem(ID, INCIDENT, ALICE));

        assertThat(violation.rule()).isEqualTo(Rule.PUBLISH_PRECONDITIONS_UNMET);
        assertThat(violation.missing()).containsExactly("summary", "directCause", "fiveWhys", "actions[1]",
                "actions[3]");
        assertThat(violation.fieldErrors()).containsEntry("actions[1]",
                "actions[1] must be linked to an action item or waived with a reason");
        assertThat(violation.getMessage()).contains("summary must not be blank", "fiveWhys must have at least one why");
    }

    @Test
    void givenApprovedWithOnlyTheSummaryMissing_whenPublished_thenOnlyTheSummaryIsListed() {
        List<PostmortemEvent> history = List.of(drafted(), edited(COMPLETE.withSummary("")), submitted(ALICE),
                approved(BOB));

        assertThat(violation(history, new PublishPostmortem(ID, INCIDENT, ALICE)).missing()).containsExactly("summary");
    }

    @Test
    void givenAnotherPostmortemsState_whenDecide_thenIllegalArgument() {
        PostmortemId other = PostmortemId.of("0a1b2c3d-0000-4000-8000-000000000009");

        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> decide(List.of(drafted()), new PublishPostmortem(other, INCIDENT, ALICE))))
                .hasMessageStartingWith("postmortemId");
    }

    @Test
    void givenAWholeReview_whenFolded_thenTheStateTellsItsHistory() {
        List<PostmortemEvent> history = concat(approvedHistory(), new ChangesRequested(ID, CAROL, "add the impact", NOW),
                edited(SectionsPatch.NONE.withImpact(new Impact("12% of checkouts", "none", null, null, null))),
                submitted(ALICE), approved(CAROL), new PostmortemPublished(ID, ALICE, NOW));

        Postmortem state = PostmortemDecider.fold(history);

        assertThat(state.status()).isEqualTo(PostmortemStatus.PUBLISHED);
        assertThat(state.approvals()).containsExactly("carol");
        assertThat(state.reviewComments()).extracting(ReviewComment::by).containsExactly("bob", "carol", "carol");
        assertThat(state.sections().impact().usersAffected()).isEqualTo("12% of checkouts");
        assertThat(state.sections().summary()).isEqualTo(COMPLETE.summary());
        assertThat(state.version()).isEqualTo(history.size());
    }

    private static List<PostmortemEvent> concat(List<PostmortemEvent> history, PostmortemEvent... more) {
        List<PostmortemEvent> all = new ArrayList<>(history);
        all.addAll(List.of(more));
        return all;
    }
}

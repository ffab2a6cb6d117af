package io.firedrill.domain.postmortem;

import static io.firedrill.domain.postmortem.PostmortemFixtures.ALICE;
import static io.firedrill.domain.postmortem.PostmortemFixtures.ID;
import static io.firedrill.domain.postmortem.PostmortemFixtures.INCIDENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.actionitem.ActionKind;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.postmortem.PostmortemCommand.ApprovePostmortem;
import io.firedrill.domain.postmortem.PostmortemCommand.DraftPostmortem;
import io.firedrill.domain.postmortem.PostmortemCommand.EditPostmortem;
import io.firedrill.domain.postmortem.PostmortemCommand.RequestChanges;
import io.firedrill.domain.postmortem.PostmortemCommand.SubmitForReview;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PostmortemCommandValidationTest {

    private static final String ITEM = "2c9a1f0e-0000-4000-8000-000000000001";

    private static EditPostmortem edit(SectionsPatch patch) {
        return new EditPostmortem(ID, ALICE, patch);
    }

    private static PlannedAction action(String actionItemId, String waivedReason) {
        return new PlannedAction("Add a timeout", ActionKind.CORRECTIVE, Horizon.IMMEDIATE, actionItemId, waivedReason);
    }

    @Test
    void givenAnIncident_whenDerivingItsPostmortemId_thenANameBasedUuidThatRoundTripsAsText() {
        UUID expected = UUID.nameUUIDFromBytes(("postmortem/" + INCIDENT).getBytes(StandardCharsets.UTF_8));

        assertThat(PostmortemId.forIncident(INCIDENT).value()).isEqualTo(expected);
        assertThat(PostmortemId.of(ID.toString())).isEqualTo(ID);
        assertThat(ID.toString()).isEqualTo(expected.toString());
        assertThatThrownBy(() -> PostmortemId.of("pm-1")).hasMessageStartingWith("postmortemId");
    }

    @Test
    void givenAnotherIncidentsPostmortemId_whenDrafting_thenRefusedNamingThePostmortemId() {
        IncidentId other = IncidentId.of("0a1b2c3d-0000-4000-8000-000000000001");
        Prefill prefill = Prefill.from(PostmortemFixtures.incidentLog());

        assertThatThrownBy(() -> new DraftPostmortem(ID, ALICE, other, IncidentStatus.RECOVERED, prefill))
                .hasMessageStartingWith("postmortemId");
        assertThatThrownBy(() -> new DraftPostmortem(ID, ALICE, INCIDENT, IncidentStatus.RECOVERED, null))
                .hasMessageStartingWith("prefill");
    }

    @Test
    void givenInvalidSections_whenEditing_thenRefusedNamingTheFieldPath() {
        assertThatThrownBy(() -> edit(SectionsPatch.NONE.withSummary("s".repeat(20_001))))
                .hasMessageStartingWith("summary must be at most 20000 characters");
        assertThatThrownBy(() -> edit(SectionsPatch.NONE.withImpact(new Impact(null, "d".repeat(5_001), null, null,
                null)))).hasMessageStartingWith("impact.dataLoss");
        assertThatThrownBy(() -> edit(SectionsPatch.NONE.withDirectCause(new Statement("", List.of("e1")))))
                .hasMessageStartingWith("directCause.text must not be blank");
        assertThatThrownBy(() -> edit(SectionsPatch.NONE.withDirectCause(new Statement("cause",
                Collections.nCopies(51, "e1"))))).hasMessageStartingWith("directCause.evidence must have at most 50");
        assertThatThrownBy(() -> edit(SectionsPatch.NONE.withFiveWhys(List.of(
                new Why("a", "b", List.of()), new Why("c", "d", List.of()), new Why("e", " ", List.of())))))
                .hasMessage("fiveWhys[2].because must not be blank");
        assertThatThrownBy(() -> edit(SectionsPatch.NONE.withFiveWhys(List.of(new Why("a", "b", List.of(" "))))))
                .hasMessageStartingWith("fiveWhys[0].evidence[0]");
        assertThatThrownBy(() -> edit(SectionsPatch.NONE.withContributingFactors(List.of("ok", ""))))
                .hasMessageStartingWith("contributingFactors[1]");
        assertThatThrownBy(() -> edit(SectionsPatch.NONE.withContributingFactors(Collections.nCopies(101, "f"))))
                .hasMessageStartingWith("contributingFactors must have at most 100 entries");
        assertThatThrownBy(() -> edit(SectionsPatch.NONE.withLessons(new Lessons(List.of(), List.of("a", "b", "")))))
                .hasMessageStartingWith("lessons.toImprove[2]");
        assertThatThrownBy(() -> edit(SectionsPatch.NONE.withReferences(Arrays.asList("a", null))))
                .hasMessageStartingWith("references[1]");
    }

    @Test
    void givenInvalidActions_whenEditing_thenRefusedNamingTheAction() {
        assertThatThrownBy(() -> edit(SectionsPatch.NONE.withActions(List.of(action(ITEM, "not needed")))))
                .hasMessageStartingWith("actions[0].waivedReason must not be given together with an actionItemId");
        assertThatThrownBy(() -> edit(SectionsPatch.NONE.withActions(List.of(action(null, null), action("AI-7", null)))))
                .hasMessage("actions[1].actionItemId must be a UUID");
        assertThatThrownBy(() -> edit(SectionsPatch.NONE.withActions(List.of(
                new PlannedAction("t", null, Horizon.IMMEDIATE, null, null))))).hasMessageStartingWith("actions[0].kind");
        assertThatThrownBy(() -> edit(SectionsPatch.NONE.withActions(List.of(
                new PlannedAction("t", ActionKind.PREVENTIVE, null, null, null))))).hasMessageStartingWith("actions[0].horizon");
        assertThatThrownBy(() -> edit(SectionsPatch.NONE.withActions(List.of(
                new PlannedAction(" ", ActionKind.PREVENTIVE, Horizon.LONG_TERM, null, null)))))
                .hasMessageStartingWith("actions[0].title");
        assertThatThrownBy(() -> edit(null)).hasMessageStartingWith("patch");
    }

    @Test
    void givenAnActionWithNeitherLinkNorWaiver_whenEditing_thenAcceptedForNow() {
        assertThat(edit(SectionsPatch.NONE.withActions(List.of(action(null, " ")))).patch().actions().getFirst())
                .isEqualTo(action(null, null));
    }

    @Test
    void givenReviewComments_whenMissingOrTooLong_thenRefusedNamingTheComment() {
        assertThatThrownBy(() -> new RequestChanges(ID, ALICE, " ")).hasMessageStartingWith("comment must not be blank");
        assertThatThrownBy(() -> new ApprovePostmortem(ID, ALICE, "c".repeat(5_001))).hasMessageStartingWith("comment");
        assertThat(new ApprovePostmortem(ID, ALICE, " ").comment()).isNull();
        assertThatThrownBy(() -> new ApprovePostmortem(ID, null, null)).hasMessageStartingWith("by");
    }

    @Test
    void givenNoWordList_whenSubmitting_thenTheDefaultsApply() {
        assertThat(new SubmitForReview(ID, ALICE, null).words()).isEqualTo(BlamelessWords.defaults());
    }
}

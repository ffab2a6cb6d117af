package io.firedrill.domain.postmortem;

import static io.firedrill.domain.postmortem.PostmortemFixtures.ACKNOWLEDGED;
import static io.firedrill.domain.postmortem.PostmortemFixtures.ALICE;
import static io.firedrill.domain.postmortem.PostmortemFixtures.BOB;
import static io.firedrill.domain.postmortem.PostmortemFixtures.FIRST_ALERT;
import static io.firedrill.domain.postmortem.PostmortemFixtures.ID;
import static io.firedrill.domain.postmortem.PostmortemFixtures.INCIDENT;
import static io.firedrill.domain.postmortem.PostmortemFixtures.KEY_NOTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.actionitem.ActionKind;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemApproved;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemDrafted;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemEdited;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemPublished;
import io.firedrill.domain.postmortem.PostmortemEvent.SubmittedForReview;
import io.firedrill.domain.shared.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostmortemMarkdownTest {

    private static final Instant DRAFTED = Instant.parse("2026-03-02T09:00:00Z");

    private static final SectionsPatch WRITTEN = SectionsPatch.NONE
            .withSummary("Between 10:00 and 11:05 UTC checkout failed for about 12% of attempts after the payments-api"
                    + " v42 deploy.\nRolling back to v41 ended the impact.")
            .withImpact(new Impact("About 12% of checkout attempts failed (roughly 3,400 customers)", "None",
                    "Checkout availability 88% for 65 minutes", "Checkout availability SLO (99.9% monthly) breached",
                    null))
            .withDirectCause(new Statement("payments-api v42 set no timeout on calls to the card processor, so worker"
                    + " threads piled up once the processor slowed down.", List.of(KEY_NOTE, ACKNOWLEDGED)))
            .withFiveWhys(List.of(
                    new Why("Why did checkout return 500?", "payments-api ran out of worker threads.",
                            List.of(FIRST_ALERT)),
                    new Why("Why did it run out of worker threads?", "Calls to the card processor had no timeout.",
                            List.of(KEY_NOTE)),
                    new Why("Why was there no timeout?", "The new client library defaults to none, and the review"
                            + " checklist does not ask about timeouts.", List.of())))
            .withContributingFactors(List.of("The card processor was slow (p99 4 s) during its maintenance window.",
                    "The canary stage took only 1% of traffic for 5 minutes."))
            .withActions(List.of(
                    new PlannedAction("Set a 2 s timeout on card processor calls", ActionKind.CORRECTIVE,
                            Horizon.IMMEDIATE, "2c9a1f0e-0000-4000-8000-000000000001", null),
                    new PlannedAction("Add timeouts to the review checklist", ActionKind.PREVENTIVE, Horizon.SHORT_TERM,
                            "2c9a1f0e-0000-4000-8000-000000000002", null),
                    new PlannedAction("Load test checkout against a slow processor", ActionKind.PREVENTIVE,
                            Horizon.SHORT_TERM, null, null),
                    new PlannedAction("Replace the client library", ActionKind.PREVENTIVE, Horizon.LONG_TERM, null,
                            "the platform migration replaces it in Q3")))
            .withLessons(new Lessons(List.of("The alert fired within two minutes.", "The rollback took five minutes."),
                    List.of("The status page was updated 20 minutes after the impact began.")))
            .withReferences(List.of("https://status.example.com/incidents/42", "Runbook: payments-api rollback"));

    /** Pre-filled before the acknowledgement's correction, written, submitted by alice and approved by bob. */
    private static Postmortem inReview() {
        return PostmortemDecider.fold(List.of(
                new PostmortemDrafted(ID, ALICE, INCIDENT, Prefill.from(PostmortemFixtures.logBeforeCorrection()),
                        DRAFTED),
                new PostmortemEdited(ID, ALICE, WRITTEN, DRAFTED.plusSeconds(600)),
                new SubmittedForReview(ID, ALICE, List.of(), DRAFTED.plusSeconds(700)),
                new PostmortemApproved(ID, BOB, null, DRAFTED.plusSeconds(800))));
    }

    @Test
    void givenAPostmortemInReviewWithStaleStatements_whenRendered_thenTheTemplateAsInTheExpectedFile()
            throws IOException {
        Postmortem pm = inReview();
        List<String> stale = Staleness.staleStatements(pm, PostmortemFixtures.incidentLog());

        String markdown = PostmortemMarkdown.render(pm, stale);

        assertThat(stale).containsExactly("directCause", "timeline[3]");
        assertThat(markdown).isEqualTo(expected());
    }

    @Test
    void givenTheSamePostmortem_whenRenderedTwice_thenTheSameText() {
        assertThat(PostmortemMarkdown.render(inReview(), List.of()))
                .isEqualTo(PostmortemMarkdown.render(inReview(), List.of()));
    }

    @Test
    void givenAFreshDraft_whenRendered_thenEveryUnwrittenSectionSaysSoAndNothingIsCited() {
        Prefill prefill = new Prefill("INC-2026-0007", "Search is slow", Severity.P3, List.of(), "alice",
                List.of("alice"), PostmortemFixtures.T0, null, null, null, null, List.of());
        Postmortem draft = PostmortemDecider.fold(List.of(new PostmortemDrafted(ID, ALICE, INCIDENT, prefill, DRAFTED)));

        String markdown = PostmortemMarkdown.render(draft, null);

        assertThat(markdown).startsWith("# Postmortem: INC-2026-0007 Search is slow\n\n**Status:** Draft ·")
                .contains("| End | — |", "| Time to resolve | — |", "## Executive summary\n\n_Not written yet._\n",
                        "## Direct cause\n\n_Not written yet._\n", "## Timeline\n\n_None._\n",
                        "## Corrective and preventive actions\n\n_Not written yet._\n")
                .endsWith("## Evidence\n\nNo incident events are cited.\n");
    }

    @Test
    void givenTextsWithPipesAndLineBreaks_whenRendered_thenTablesAndListsKeepTheirShape() {
        Prefill prefill = new Prefill("INC-2026-0007", "Search is slow", Severity.P3, List.of("search"), "alice",
                List.of("alice"), PostmortemFixtures.T0, null, null, null, null, List.of(new TimelineRow(
                        PostmortemFixtures.T0, "key-note", "alice", "p99 | p50\nboth up", List.of("x y"))));
        Postmortem draft = PostmortemDecider.fold(List.of(new PostmortemDrafted(ID, ALICE, INCIDENT, prefill, DRAFTED),
                new PostmortemEdited(ID, ALICE, SectionsPatch.NONE.withContributingFactors(List.of("one\ntwo")),
                        DRAFTED)));

        String markdown = PostmortemMarkdown.render(draft, List.of());

        assertThat(markdown).contains("| 2026-03-01 10:00:00 | p99 \\| p50<br>both up | alice | [E1](#event-x-y) |",
                "- one\n  two\n", "<a id=\"event-x-y\"></a>**E1** `x y` (Timeline)");
    }

    @Test
    void givenAPublishedPostmortem_whenRendered_thenTheStatusSaysWhen() {
        Postmortem published = PostmortemDecider.evolve(inReview(),
                new PostmortemPublished(ID, ALICE, Instant.parse("2026-03-03T12:30:00Z")));

        assertThat(PostmortemMarkdown.render(published, List.of()))
                .contains("**Status:** Published 2026-03-03 12:30:00 UTC · **Drafted:** 2026-03-02 09:00:00 UTC"
                        + " · **Approved by:** bob\n");
    }

    @Test
    void givenDurations_whenShownToPeople_thenLargestUnitsFirstWithoutZeros() {
        assertThat(PostmortemMarkdown.human(Duration.ofMinutes(65))).isEqualTo("1h 5m");
        assertThat(PostmortemMarkdown.human(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(PostmortemMarkdown.human(Duration.ofHours(27))).isEqualTo("1d 3h");
        assertThat(PostmortemMarkdown.human(Duration.ZERO)).isEqualTo("0s");
        assertThat(PostmortemMarkdown.human(null)).isEqualTo("—");
    }

    @Test
    void givenNothingDrafted_whenRendered_thenRefused() {
        assertThatThrownBy(() -> PostmortemMarkdown.render(Postmortem.EMPTY, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("postmortem");
    }

    private static String expected() throws IOException {
        try (InputStream in = PostmortemMarkdownTest.class.getResourceAsStream("/postmortem/expected.md")) {
            assertThat(in).as("expected.md on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

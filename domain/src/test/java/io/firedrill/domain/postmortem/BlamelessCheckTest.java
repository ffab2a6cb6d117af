package io.firedrill.domain.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.firedrill.domain.actionitem.ActionKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlamelessCheckTest {

    private static final BlamelessWords DEFAULTS = BlamelessWords.defaults();

    private static List<BlamelessWarning> summary(String text) {
        return BlamelessCheck.scan(Sections.EMPTY.with(SectionsPatch.NONE.withSummary(text)), DEFAULTS);
    }

    @Test
    void givenAnEnglishSentenceThatBlames_whenScanned_thenWarningWithSentenceOffsetTermAndExcerpt() {
        String text = "The deploy went out at 10:00. Honestly, this was the fault of the on-call engineer! We fixed it.";

        assertThat(summary(text)).containsExactly(new BlamelessWarning("summary", 1, text.indexOf("fault of"),
                "fault of", "Honestly, this was the fault of the on-call engineer!"));
    }

    @Test
    void givenDifferentCase_whenScanned_thenStillAHitReportingTheConfiguredTerm() {
        assertThat(summary("CARELESS configuration.")).extracting(BlamelessWarning::term, BlamelessWarning::offset)
                .containsExactly(tuple("careless", 0));
    }

    @Test
    void givenBlamelessOrBlameworthyWords_whenScanned_thenNoHitForTheShorterTerm() {
        assertThat(summary("We run a blameless review. Nothing was unblamed.")).isEmpty();
        assertThat(summary("Carelessness is not the point.")).isEmpty();
    }

    @Test
    void givenAChineseSentenceThatBlames_whenScanned_thenSubstringHitWithItsSentenceAndOffset() {
        String text = "发布流程存在缺陷。值班同学疏忽了告警！我们修复了它。";

        assertThat(summary(text)).containsExactly(
                new BlamelessWarning("summary", 1, text.indexOf("疏忽"), "疏忽", "值班同学疏忽了告警！"));
    }

    @Test
    void givenOverlappingTerms_whenScanned_thenTheLongestAtThePositionWins() {
        String text = "这是人为失误。";

        assertThat(summary(text)).extracting(BlamelessWarning::term).containsExactly("人为失误");
    }

    @Test
    void givenAPhraseAcrossSeveralSpaces_whenScanned_thenAHit() {
        assertThat(summary("Ops should  have known.")).extracting(BlamelessWarning::term)
                .containsExactly("should have known");
    }

    @Test
    void givenDecimalsAndHostNamesAndLineBreaks_whenScanned_thenSentencesSplitOnlyAtRealEnds() {
        String text = "Latency rose 3.5 times on api.example.com\nIt was human error.";

        assertThat(summary(text)).containsExactly(new BlamelessWarning("summary", 1, text.indexOf("human error"),
                "human error", "It was human error."));
    }

    @Test
    void givenEverySection_whenScanned_thenEachWarningNamesItsJsonPathInTemplateOrder() {
        Sections sections = Sections.EMPTY.with(SectionsPatch.NONE
                .withImpact(new Impact(null, null, "Down because of a careless change", null, null))
                .withDirectCause(new Statement("A negligent rollout.", List.of("e1")))
                .withFiveWhys(List.of(new Why("Why?", "Fine.", List.of()), new Why("Why?", "Bob screwed up.", List.of())))
                .withContributingFactors(List.of("Sloppy runbook"))
                .withActions(List.of(new PlannedAction("Train", ActionKind.PREVENTIVE, Horizon.SHORT_TERM, null,
                        "Not their fault, the tooling is to blame")))
                .withLessons(new Lessons(List.of(), List.of("Paging", "Docs", "Nobody should be 追责.")))
                .withReferences(List.of("https://wiki/blame-report")));

        assertThat(BlamelessCheck.scan(sections, DEFAULTS)).extracting(BlamelessWarning::field, BlamelessWarning::term)
                .containsExactly(
                        tuple("impact.availability", "careless"),
                        tuple("directCause", "negligent"),
                        tuple("fiveWhys[1].because", "screwed up"),
                        tuple("contributingFactors[0]", "sloppy"),
                        tuple("actions[0].waivedReason", "their fault"),
                        tuple("actions[0].waivedReason", "to blame"),
                        tuple("lessons.toImprove[2]", "追责"));
    }

    @Test
    void givenACustomList_whenScanned_thenOnlyItsTermsCount() {
        BlamelessWords custom = BlamelessWords.of(List.of("rookie", "新手"));
        Sections sections = Sections.EMPTY.with(SectionsPatch.NONE
                .withSummary("A rookie mistake, careless even. 新手操作。"));

        assertThat(BlamelessCheck.scan(sections, custom)).extracting(BlamelessWarning::term, BlamelessWarning::sentence)
                .containsExactly(tuple("rookie", 0),
                        tuple("新手", 1));
        assertThat(BlamelessCheck.scan(sections, BlamelessWords.of(List.of()))).isEmpty();
    }

    @Test
    void givenALongSentence_whenScanned_thenTheExcerptIsShortenedAroundTheMatch() {
        String text = "x".repeat(300) + " careless " + "y".repeat(300);

        BlamelessWarning warning = summary(text).getFirst();

        assertThat(warning.excerpt()).startsWith("…").endsWith("…").contains("careless");
        assertThat(warning.excerpt().length()).isLessThanOrEqualTo(BlamelessCheck.EXCERPT_MAX + 2);
    }

    @Test
    void givenTheDefaults_whenListed_thenEnglishAndChineseTerms() {
        assertThat(DEFAULTS.terms()).contains("blame", "human error", "should have known", "责任人", "背锅", "问责");
        assertThat(DEFAULTS.terms()).doesNotContain("怪").as("a bare 怪 would flag 奇怪 (strange)");
    }

    @Test
    void givenInvalidTerms_whenConfigured_thenRefusedNamingTheEntry() {
        assertThatThrownBy(() -> BlamelessWords.of(List.of("blame", " "))).hasMessageStartingWith("words[1]");
        assertThatThrownBy(() -> BlamelessWords.of(null)).hasMessageStartingWith("words");
    }
}

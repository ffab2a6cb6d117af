package io.firedrill.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GroupingTemplateTest {

    @Nested
    class Parsing {

        @ParameterizedTest
        @ValueSource(strings = {"{groupKey}", "{alertname}/{service}", "prod:{alertname}", "{__name__}", "{team_2}{env}"})
        void givenAValidTemplate_whenParse_thenItKeepsTheTextAsWritten(String text) {
            GroupingTemplate template = GroupingTemplate.parse(text);

            assertThat(template.text()).isEqualTo(text);
            assertThat(template).hasToString(text);
        }

        @Test
        void givenATemplateOfExactlyTheMaximumLength_whenParse_thenAccepted() {
            String text = "{alertname}" + "x".repeat(GroupingTemplate.MAX_LENGTH - "{alertname}".length());

            assertThat(GroupingTemplate.parse(text).text()).hasSize(GroupingTemplate.MAX_LENGTH);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{alertname", "alertname}", "{alertname}}", "}{alertname}", "{alertname}/{service"})
        void givenUnbalancedBraces_whenParse_thenRejectedNamingGroupingKey(String text) {
            assertThatThrownBy(() -> GroupingTemplate.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("groupingKey");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{alert-name}", "{1st}", "{ alertname }", "{a.b}", "{{alertname}}"})
        void givenAPlaceholderThatIsNotALabelName_whenParse_thenRejectedNamingGroupingKey(String text) {
            assertThatThrownBy(() -> GroupingTemplate.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("groupingKey");
        }

        @Test
        void givenNoPlaceholder_whenParse_thenRejectedNamingGroupingKey() {
            assertThatThrownBy(() -> GroupingTemplate.parse("checkout"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("groupingKey")
                    .hasMessageContaining("placeholder");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\t"})
        void givenBlank_whenParse_thenRejectedNamingGroupingKey(String text) {
            assertThatThrownBy(() -> GroupingTemplate.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("groupingKey");
        }

        @Test
        void givenOneCharacterOverTheMaximum_whenParse_thenRejectedNamingGroupingKey() {
            String text = "{alertname}" + "x".repeat(GroupingTemplate.MAX_LENGTH + 1 - "{alertname}".length());

            assertThatThrownBy(() -> GroupingTemplate.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("groupingKey");
        }
    }

    @Nested
    class Rendering {

        @Test
        void givenAllLabels_whenRender_thenEachPlaceholderIsReplacedByItsValue() {
            GroupingTemplate template = GroupingTemplate.parse("{alertname}/{service}");

            assertThat(template.render(Map.of("alertname", "HighErrorRate", "service", "checkout")))
                    .isEqualTo("HighErrorRate/checkout");
        }

        @Test
        void givenAMissingLabel_whenRender_thenItRendersAsTheEmptyString() {
            GroupingTemplate template = GroupingTemplate.parse("{alertname}/{service}");

            assertThat(template.render(Map.of("alertname", "HighErrorRate"))).isEqualTo("HighErrorRate/");
        }

        @Test
        void givenNoLabelsAtAll_whenRender_thenOnlyTheLiteralTextRemains() {
            GroupingTemplate template = GroupingTemplate.parse("{alertname}/{service}");

            assertThat(template.render(Map.of())).isEqualTo("/");
        }

        @Test
        void givenLiteralTextAroundPlaceholders_whenRender_thenTheLiteralTextIsKept() {
            GroupingTemplate template = GroupingTemplate.parse("prod:{alertname}-{service}!");

            assertThat(template.render(Map.of("alertname", "HighErrorRate", "service", "checkout")))
                    .isEqualTo("prod:HighErrorRate-checkout!");
        }

        @Test
        void givenLabelsTheTemplateDoesNotName_whenRender_thenTheyAreIgnored() {
            GroupingTemplate template = GroupingTemplate.parse("{alertname}");

            assertThat(template.render(Map.of("alertname", "HighErrorRate", "instance", "10.0.0.1:9090")))
                    .isEqualTo("HighErrorRate");
        }
    }
}

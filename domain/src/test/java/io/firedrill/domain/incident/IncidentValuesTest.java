package io.firedrill.domain.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.shared.Severity;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IncidentValuesTest {

    @Test
    void givenUuidText_whenParsingIncidentId_thenToStringIsTheUuid() {
        String text = "6f1c2f9e-3b1a-4c55-9d0e-1a2b3c4d5e6f";

        IncidentId id = IncidentId.of(text);

        assertThat(id.value()).isEqualTo(UUID.fromString(text));
        assertThat(id).hasToString(text);
    }

    @Test
    void givenGarbage_whenParsingIncidentId_thenRefusedNamingTheField() {
        assertThatThrownBy(() -> IncidentId.of("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("incidentId");
    }

    @Test
    void givenYearAndSequence_whenNumbering_thenPaddedToFourDigits() {
        assertThat(IncidentNumber.of(2026, 42)).hasToString("INC-2026-0042");
        assertThat(IncidentNumber.of(2026, 12345).value()).isEqualTo("INC-2026-12345");
        assertThat(IncidentNumber.of(2026, 42).year()).isEqualTo(2026);
        assertThat(IncidentNumber.of(2026, 42).sequence()).isEqualTo(42);
        assertThat(new IncidentNumber("INC-2026-0042")).isEqualTo(IncidentNumber.of(2026, 42));
    }

    @ParameterizedTest
    @ValueSource(strings = {"INC-2026-42", "inc-2026-0042", "INC-26-0042", "INC-2026-0000", "INC-2026-00042",
        "INC-2026-0042 ", "INC-0000-0001"})
    void givenMalformedText_whenCreatingNumber_thenRefusedNamingTheField(String text) {
        assertThatThrownBy(() -> new IncidentNumber(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("number");
    }

    @Test
    void givenZeroSequenceOrBadYear_whenNumbering_thenRefused() {
        assertThatThrownBy(() -> IncidentNumber.of(2026, 0)).hasMessageStartingWith("number");
        assertThatThrownBy(() -> IncidentNumber.of(10_000, 1)).hasMessageStartingWith("number");
    }

    @Test
    void givenSeverities_whenComparing_thenP0IsTheHighest() {
        assertThat(Severity.P0.isHigherThan(Severity.P1)).isTrue();
        assertThat(Severity.P1.isHigherThan(Severity.P1)).isFalse();
        assertThat(Severity.P3.isHigherThan(Severity.P2)).isFalse();
        assertThat(Severity.P3.isLowerThan(Severity.P2)).isTrue();
    }

    @Test
    void givenStatuses_whenAskingTerminal_thenOnlyReviewedAndDuplicate() {
        assertThat(IncidentStatus.values()).filteredOn(IncidentStatus::isTerminal)
                .containsExactly(IncidentStatus.REVIEWED, IncidentStatus.DUPLICATE);
    }

    @Test
    void givenEmpty_whenAskingDeclared_thenNotDeclaredAndNoInstants() {
        assertThat(Incident.initial()).isSameAs(Incident.EMPTY);
        assertThat(Incident.EMPTY.declared()).isFalse();
        assertThat(Incident.EMPTY.detectedAt()).isNull();
        assertThat(Incident.EMPTY.version()).isZero();
    }
}

package io.firedrill.domain.alert;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static Alert alert(String fingerprint, AlertStatus status, Instant endsAt) {
        return new Alert(fingerprint, status, "HighErrorRate", null, Severity.P2, "severity=P2 → P2", List.of("checkout"),
                Map.of(), Map.of(), T0, endsAt, null);
    }

    @Test
    void givenAResolvedAlertWithoutAnEnd_whenCreating_thenRejectedNamingEndsAt() {
        assertThatThrownBy(() -> alert("fp", AlertStatus.RESOLVED, null)).hasMessageStartingWith("endsAt");
    }

    @Test
    void givenAFiringAlertWithAnEnd_whenCreating_thenRejectedNamingEndsAt() {
        assertThatThrownBy(() -> alert("fp", AlertStatus.FIRING, T0)).hasMessageStartingWith("endsAt");
    }

    @Test
    void givenABlankFingerprint_whenCreating_thenRejectedNamingFingerprint() {
        assertThatThrownBy(() -> alert(" ", AlertStatus.FIRING, null)).hasMessageStartingWith("fingerprint");
    }

    @Test
    void givenABlankIncomingFingerprint_whenParsed_thenRejectedNamingFingerprint() {
        assertThatThrownBy(() -> new IncomingAlert(" ", AlertStatus.FIRING, Map.of(), Map.of(), T0, null, null, null,
                null, null, null, null)).hasMessageStartingWith("fingerprint");
    }
}

package io.firedrill.application.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrillSettingsTest {

    private static final TenantId TEAM = new TenantId("team");
    private static final DrillSettings SETTINGS = new DrillSettings(Map.of(TEAM,
            List.of("https://checkout.internal/health", "http://10.0.0.7:8080/")), null);

    @Test
    void givenAPrefixWithoutATrailingSlash_thenItsPathAndWhatLiesBelowAreAllowed_notASiblingThatStartsAlike() {
        assertThat(SETTINGS.probeProblem(TEAM, "https://checkout.internal/health")).isEmpty();
        assertThat(SETTINGS.probeProblem(TEAM, "https://CHECKOUT.internal:443/health/db?deep=1")).isEmpty();
        assertThat(SETTINGS.probeProblem(TEAM, "https://checkout.internal/healthz")).get().asString()
                .contains("is not allowed for this tenant");
        assertThat(SETTINGS.probeProblem(TEAM, "http://checkout.internal/health")).get().asString()
                .contains("is not allowed");
        assertThat(SETTINGS.probeProblem(TEAM, "https://checkout.internal.evil.test/health")).get().asString()
                .contains("is not allowed");
    }

    @Test
    void givenAPrefixEndingInASlash_thenEverythingBelowItOnItsPortIsAllowed() {
        assertThat(SETTINGS.probeProblem(TEAM, "http://10.0.0.7:8080/anything/here")).isEmpty();
        assertThat(SETTINGS.probeProblem(TEAM, "http://10.0.0.7/anything")).get().asString().contains("is not allowed");
    }

    @Test
    void givenAUrlThatHidesWhereItGoes_thenRefusedWhateverThePrefixes() {
        assertThat(SETTINGS.probeProblem(TEAM, "https://checkout.internal/health/../admin")).get().asString()
                .startsWith("must not hold . or .. path segments");
        assertThat(SETTINGS.probeProblem(TEAM, "https://checkout.internal/health/%2e%2e/admin")).get().asString()
                .startsWith("must not hold . or .. path segments, nor encoded dots or slashes");
        assertThat(SETTINGS.probeProblem(TEAM, "https://checkout.internal/health%2F..%2Fadmin")).get().asString()
                .startsWith("must not hold . or .. path segments, nor encoded dots or slashes");
        assertThat(SETTINGS.probeProblem(TEAM, "https://ops:secret@checkout.internal/health")).get().asString()
                .isEqualTo("must not hold credentials");
        assertThat(SETTINGS.probeProblem(TEAM, "https://checkout.internal/he alth")).get().asString().startsWith("is not a URL");
        assertThat(SETTINGS.probeProblem(TEAM, "http:///health")).get().asString()
                .isEqualTo("must be an absolute http or https URL with a host");
    }

    @Test
    void givenATenantWithoutPrefixes_thenNothingIsAllowed() {
        assertThat(SETTINGS.probeProblem(new TenantId("other"), "https://checkout.internal/health")).get().asString()
                .contains("no prefix (none is configured");
    }
}

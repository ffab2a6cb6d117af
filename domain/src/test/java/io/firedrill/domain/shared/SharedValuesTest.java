package io.firedrill.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SharedValuesTest {

    @Test
    void tenantIdAcceptsLowerCaseSlugs() {
        assertThat(new TenantId("acme-prod-2").value()).isEqualTo("acme-prod-2");
    }

    @Test
    void tenantIdRejectsUpperCaseSpacesAndLeadingDash() {
        assertThatThrownBy(() -> new TenantId("Acme")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TenantId("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TenantId("-acme")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TenantId("a".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void actorNeedsANonBlankName() {
        assertThatThrownBy(() -> Actor.user(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Actor.integration("alertmanager-prod").toString()).isEqualTo("integration:alertmanager-prod");
    }
}

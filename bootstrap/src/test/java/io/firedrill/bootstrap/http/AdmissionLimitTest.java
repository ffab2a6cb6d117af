package io.firedrill.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The default admission limit follows the instance's processors, capped by its pool. */
class AdmissionLimitTest {

    @Test
    void fourPerProcessor_atMostFourPerPooledConnection_atLeastFour() {
        assertThat(AdmissionControl.defaultLimit(16, 2)).isEqualTo(8);
        assertThat(AdmissionControl.defaultLimit(16, 8)).isEqualTo(32);
        assertThat(AdmissionControl.defaultLimit(16, 64)).isEqualTo(64);
        assertThat(AdmissionControl.defaultLimit(2, 64)).isEqualTo(8);
        assertThat(AdmissionControl.defaultLimit(1, 1)).isEqualTo(4);
    }
}

package io.firedrill.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The default admission limit follows the instance's processors, capped by its pool. */
class AdmissionLimitTest {

    @Test
    void onePerProcessor_atLeastTwo_atMostOnePerPooledConnection() {
        assertThat(AdmissionControl.defaultLimit(16, 2)).isEqualTo(2);
        assertThat(AdmissionControl.defaultLimit(16, 8)).isEqualTo(8);
        assertThat(AdmissionControl.defaultLimit(16, 64)).isEqualTo(16);
        assertThat(AdmissionControl.defaultLimit(4, 64)).isEqualTo(4);
        assertThat(AdmissionControl.defaultLimit(16, 1)).isEqualTo(2);
        assertThat(AdmissionControl.defaultLimit(1, 1)).isEqualTo(1);
    }
}

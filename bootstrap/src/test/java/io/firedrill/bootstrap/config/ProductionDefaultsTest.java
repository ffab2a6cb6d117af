package io.firedrill.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The shipped configuration, read as a production instance reads it: the security defaults that docs/security.md and
 * the README publish hold there (a test-only override once leaked into production and raised the rate limit).
 */
class ProductionDefaultsTest {

    @Test
    void theSecurityDefaultsAreThePublishedOnes() throws IOException {
        URL properties = getClass().getClassLoader().getResource("application.properties");
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().withProfile("prod")
                .withSources(new PropertiesConfigSource(properties, 250)).build();

        assertThat(config.getValue("firedrill.security.rate-limit.per-second", Double.class)).isEqualTo(100);
        assertThat(config.getValue("firedrill.security.rate-limit.burst", Double.class)).isEqualTo(300);
        assertThat(config.getValue("firedrill.security.failed-auth.limit", Integer.class)).isEqualTo(20);
        assertThat(config.getValue("firedrill.security.metrics.authenticated", Boolean.class)).isFalse();
        assertThat(config.getValue("firedrill.security.openapi.authenticated", Boolean.class)).isFalse();
    }
}

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

    @Test
    void theOutboundRulesOfNotifications_areThePublishedOnes() throws IOException {
        URL properties = getClass().getClassLoader().getResource("application.properties");
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().withProfile("prod")
                .withSources(new PropertiesConfigSource(properties, 250)).build();

        // the test profile lets every vendor kind reach the loopback address over plain HTTP; production must not
        assertThat(config.getValue("firedrill.notifications.allow-http", Boolean.class)).isFalse();
        assertThat(config.getOptionalValue("firedrill.notifications.allowed-networks", String.class)).isEmpty();
        assertThat(config.getOptionalValue("firedrill.notifications.webhook-url-prefixes", String.class)).isEmpty();
        assertThat(config.getValue("firedrill.notifications.hosts.slack", String.class)).isEqualTo("hooks.slack.com");
        assertThat(config.getValue("firedrill.notifications.hosts.feishu", String.class))
                .isEqualTo("open.feishu.cn,open.larksuite.com");
        assertThat(config.getValue("firedrill.notifications.hosts.dingtalk", String.class)).isEqualTo("oapi.dingtalk.com");
        assertThat(config.getValue("firedrill.notifications.hosts.wecom", String.class)).isEqualTo("qyapi.weixin.qq.com");
        assertThat(config.getValue("firedrill.notifications.hosts.teams", String.class))
                .isEqualTo(".logic.azure.com,.environment.api.powerplatform.com");
        assertThat(config.getValue("firedrill.notifications.send-timeout", String.class)).isEqualTo("8s");
    }
}

package io.firedrill.adapter.webhook.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.application.port.out.ChannelSender.Destination;
import io.firedrill.domain.notification.ChannelKind;
import io.firedrill.domain.notification.OutgoingMessage;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The outbound rules: vendor hosts, the webhook allow-list at a boundary, non-public addresses, allowed networks. */
class OutboundRulesTest {

    private static OutboundRules rules(List<String> slackHosts, List<String> prefixes, List<String> networks,
                                       boolean http) {
        return new OutboundRules(slackHosts, List.of("open.feishu.cn"), List.of("oapi.dingtalk.com"),
                List.of("qyapi.weixin.qq.com"), List.of(".logic.azure.com", ".environment.api.powerplatform.com"),
                Optional.of(prefixes), Optional.of(networks), http);
    }

    private final OutboundRules production = rules(List.of("hooks.slack.com"), List.of("https://hooks.example.com"),
            List.of(), false);

    @Test
    void vendorKindsGoOnlyToTheirVendorsHosts_overHttps() {
        assertThat(production.allowed(ChannelKind.SLACK, "https://hooks.slack.com/services/T/B/x")).hasHost("hooks.slack.com");
        assertThat(production.allowed(ChannelKind.TEAMS, "https://prod-12.westus.logic.azure.com:443/workflows/x"))
                .hasHost("prod-12.westus.logic.azure.com");
        assertThat(production.allowed(ChannelKind.TEAMS,
                "https://abc.12.environment.api.powerplatform.com:443/powerautomate/x"))
                .hasHost("abc.12.environment.api.powerplatform.com").hasPath("/powerautomate/x");
        assertThatThrownBy(() -> production.allowed(ChannelKind.TEAMS, "https://logic.azure.com.evil.test/x"))
                .hasMessageStartingWith("url must be on a host of the vendor");
        assertThatThrownBy(() -> production.allowed(ChannelKind.SLACK, "https://hooks.slack.com.evil.test/x"))
                .hasMessageStartingWith("url must be on a host of the vendor");
        assertThatThrownBy(() -> production.allowed(ChannelKind.SLACK, "http://hooks.slack.com/services/x"))
                .hasMessageStartingWith("url must be an https:// URL");
        assertThatThrownBy(() -> production.allowed(ChannelKind.FEISHU, "https://open.feishu.cn/x#frag"))
                .hasMessageStartingWith("url must name a host");
    }

    @Test
    void signedWebhooksGoOnlyUnderAnAllowedPrefix_atABoundary() {
        assertThat(production.allowed(ChannelKind.WEBHOOK, "https://hooks.example.com/firedrill"))
                .hasToString("https://hooks.example.com/firedrill");
        assertThat(production.allowed(ChannelKind.WEBHOOK, "https://hooks.example.com"))
                .hasToString("https://hooks.example.com");
        assertThatThrownBy(() -> production.allowed(ChannelKind.WEBHOOK, "https://hooks.example.com.evil.test/x"))
                .hasMessageStartingWith("url must start with one of the URL prefixes");
        // a receiver that normalises its path would serve another path than the prefix allowed
        for (String url : List.of("https://hooks.example.com/firedrill/../admin", "https://hooks.example.com/a/./b",
                "https://hooks.example.com/firedrill/%2e%2e/admin", "https://hooks.example.com/firedrill%2fadmin")) {
            assertThatThrownBy(() -> production.allowed(ChannelKind.WEBHOOK, url)).as(url)
                    .hasMessageStartingWith("url must not hold dot segments");
        }
        assertThatThrownBy(() -> production.allowed(ChannelKind.WEBHOOK, "https://hooks.example.com/" + "x".repeat(2_000)))
                .hasMessageStartingWith("url must be at most 2000 characters");
        // the operator's prefixes are not shown to tenants
        assertThatThrownBy(() -> production.allowed(ChannelKind.WEBHOOK, "https://other.example.com/x"))
                .message().doesNotContain("hooks.example.com");
        OutboundRules none = rules(List.of("hooks.slack.com"), List.of(), List.of(), false);
        assertThatThrownBy(() -> none.allowed(ChannelKind.WEBHOOK, "https://hooks.example.com/x"))
                .hasMessageContaining("none is configured");
    }

    @Test
    void nonPublicAddressesAreRefused_unlessTheirNetworkIsAllowed() throws Exception {
        for (String address : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "fd00::1", "fe80::1", "198.18.0.1")) {
            assertThat(production.permitted(InetAddress.getByName(address))).as(address).isFalse();
        }
        // IPv6 forms that embed or relay an IPv4 address (NAT64 to the metadata address, 6to4, IPv4-compatible and
        // -translated, Teredo) and documentation addresses
        for (String address : List.of("64:ff9b::a9fe:a9fe", "2002:7f00:1::", "::127.0.0.1", "::ffff:0:7f00:1",
                "2001:0:4136:e378::1", "2001:db8::1", "100::1")) {
            assertThat(production.permitted(InetAddress.getByName(address))).as(address).isFalse();
        }
        assertThat(production.permitted(InetAddress.getByName("93.184.216.34"))).isTrue();
        assertThat(production.permitted(InetAddress.getByName("2606:4700::1111"))).isTrue();

        OutboundRules relay = rules(List.of("10.20.0.5"), List.of(), List.of("10.20.0.0/16"), false);
        assertThat(relay.permitted(InetAddress.getByName("10.20.255.1"))).isTrue();
        assertThat(relay.permitted(InetAddress.getByName("10.21.0.1"))).isFalse();
        assertThat(relay.allowed(ChannelKind.SLACK, "https://10.20.0.5/services/x")).hasHost("10.20.0.5");
        OutboundRules noRelay = rules(List.of("10.20.0.5"), List.of(), List.of(), false);
        assertThatThrownBy(() -> noRelay.allowed(ChannelKind.SLACK, "https://10.20.0.5/services/x"))
                .hasMessageStartingWith("url points at a non-public address");
    }

    @Test
    void aNameThatResolvesToALoopbackAddress_isRefusedAtSend_andNothingIsSent() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        Vertx vertx = Vertx.vertx();
        try {
            // "localhost" is a vendor host here, and is not an IP literal: the check happens on the resolved address
            OutboundRules rules = rules(List.of("localhost"), List.of(), List.of(), true);
            HttpChannelSender sender = new HttpChannelSender(vertx, rules, Clock.systemUTC(), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30));
            OutgoingMessage message = new OutgoingMessage("m-1", "firedrill.test", Instant.now(), "t", "x", List.of(),
                    null, null);
            URI url = URI.create("http://localhost:" + server.getAddress().getPort() + "/services/x");
            DeliveryReport report = sender.send(ChannelKind.SLACK, new Destination(url, null), message)
                    .get(10, TimeUnit.SECONDS);
            assertThat(report.accepted()).isFalse();
            assertThat(report.retryable()).isFalse();
            assertThat(report.detail()).contains("resolves to a non-public address");
            assertThat(calls).hasValue(0);

            OutboundRules allowing = rules(List.of("localhost"), List.of(), List.of("127.0.0.0/8", "::1/128"), true);
            HttpChannelSender allowed = new HttpChannelSender(vertx, allowing, Clock.systemUTC(), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30));
            assertThat(allowed.send(ChannelKind.SLACK, new Destination(url, null), message).get(10, TimeUnit.SECONDS)
                    .accepted()).isTrue();
            assertThat(calls).hasValue(1);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            server.stop(0);
        }
    }
}

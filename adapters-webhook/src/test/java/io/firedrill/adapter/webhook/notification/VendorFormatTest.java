package io.firedrill.adapter.webhook.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.application.port.out.ChannelSender.Destination;
import io.firedrill.domain.notification.OutgoingMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the vendors' limits do to a long message: cut, with the message id kept. */
class VendorFormatTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private static OutgoingMessage longMessage() {
        return new OutgoingMessage("fd-42", "incident.declared", NOW, "标题".repeat(200), "事故".repeat(5_000),
                List.of(new OutgoingMessage.Field("Severity", "P1")), "https://firedrill.example.com/i/1",
                OutgoingMessage.Colour.DANGER);
    }

    @Test
    void weComMarkdown_staysWithin4096Bytes_andKeepsTheId() throws Exception {
        var prepared = new WeComFormat().prepare(longMessage(), new Destination(URI.create("https://qyapi.weixin.qq.com/x"), null), NOW);
        String content = VendorFormat.JSON.readTree(prepared.body()).path("markdown").path("content").asText();
        assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(content).endsWith("Firedrill · fd-42</font>").contains("…");
    }

    @Test
    void slackHeader_isCutTo150Characters() throws Exception {
        var prepared = new SlackFormat().prepare(longMessage(), new Destination(URI.create("https://hooks.slack.com/x"), null), NOW);
        var blocks = VendorFormat.JSON.readTree(prepared.body()).path("blocks");
        assertThat(blocks.path(0).path("text").path("text").asText()).hasSize(150);
        assertThat(blocks.path(1).path("text").path("text").asText().length()).isLessThanOrEqualTo(3000);
    }

    @Test
    void feishuBody_staysUnder20KB() {
        var prepared = new FeishuFormat().prepare(longMessage(), new Destination(URI.create("https://open.feishu.cn/x"), "s"), NOW);
        assertThat(prepared.body().length).isLessThan(20 * 1024);
    }

    @Test
    void standardWebhooksSignature_matchesTheSpecificationsReferenceVector() {
        // the test vector of the Standard Webhooks reference libraries
        String signature = StandardWebhookFormat.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat("v1," + signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void manyLongFields_keepFeishuAndTeamsWithinTheirSizes() {
        List<OutgoingMessage.Field> fields = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> new OutgoingMessage.Field("字段" + i, "值".repeat(2_000))).toList();
        OutgoingMessage crowded = new OutgoingMessage("fd-43", "incident.declared", NOW, "标题", "事故".repeat(20_000),
                fields, null, null);
        assertThat(new FeishuFormat().prepare(crowded, new Destination(URI.create("https://open.feishu.cn/x"), "s"), NOW)
                .body().length).isLessThan(20 * 1024);
        assertThat(new TeamsFormat().prepare(crowded, new Destination(URI.create("https://x.logic.azure.com/x"), null), NOW)
                .body().length).isLessThan(28 * 1024);
        assertThat(new WeComFormat().prepare(crowded, new Destination(URI.create("https://qyapi.weixin.qq.com/x"), null), NOW)
                .body().length).isLessThan(8 * 1024);
    }

    @Test
    void dingTalkSignature_isAddedToAnExistingQuery() {
        var prepared = new DingTalkFormat().prepare(longMessage(),
                new Destination(URI.create("https://oapi.dingtalk.com/robot/send?access_token=abc"), "SECx"), NOW);
        assertThat(prepared.url().toString()).startsWith("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp="
                + NOW.toEpochMilli() + "&sign=");
    }
}

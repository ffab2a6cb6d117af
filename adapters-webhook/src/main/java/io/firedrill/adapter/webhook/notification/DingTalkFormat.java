package io.firedrill.adapter.webhook.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.application.port.out.ChannelSender.Destination;
import io.firedrill.domain.notification.OutgoingMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A DingTalk custom robot with the "sign" security setting: a markdown message (an action card when the message has a
 * link), signed with {@code timestamp} (Unix milliseconds) and {@code sign} in the query, where {@code sign} is the
 * URL-encoded Base64 of HMAC-SHA256 keyed with the secret over {@code timestamp + "\n" + secret}. The robot answers HTTP
 * 200 with {@code errcode} 0, or another code (310000: signature, keyword or address refused; 130101: more than 20
 * messages a minute, after which the robot is throttled for 10 minutes).
 */
final class DingTalkFormat implements VendorFormat {

    static final int TEXT_MAX = 4_000;
    static final int TOO_FAST = 130101;

    @Override
    public Prepared prepare(OutgoingMessage message, Destination destination, Instant now) {
        String timestamp = String.valueOf(now.toEpochMilli());
        String url = destination.url().toString();
        URI signed = URI.create(url + (destination.url().getRawQuery() == null ? "?" : "&") + "timestamp=" + timestamp
                + "&sign=" + URLEncoder.encode(sign(timestamp, destination.secret()), StandardCharsets.UTF_8));
        StringBuilder text = new StringBuilder("#### ").append(message.title()).append("\n\n");
        if (!message.text().isBlank()) {
            text.append(VendorFormat.cut(message.text(), TEXT_MAX)).append("\n\n");
        }
        VendorFormat.fields(message).forEach(field -> text.append("- **").append(field.label()).append("**: ")
                .append(field.value()).append('\n'));
        text.append("\n").append(VendorFormat.footer(message));
        ObjectNode body = VendorFormat.object();
        String title = VendorFormat.cut(message.title(), 200);
        if (message.link() == null) {
            body.put("msgtype", "markdown");
            body.putObject("markdown").put("title", title).put("text", text.toString());
        } else {
            body.put("msgtype", "actionCard");
            body.putObject("actionCard").put("title", title).put("text", text.toString()).put("btnOrientation", "0")
                    .put("singleTitle", "Firedrill").put("singleURL", message.link());
        }
        return new Prepared(signed, Map.of("Content-Type", "application/json; charset=utf-8"), VendorFormat.bytes(body));
    }

    @Override
    public DeliveryReport interpret(Answer answer) {
        if (answer.status() >= 300 && answer.status() < 400) {
            // a robot that sent too many messages is answered with a redirect for ten minutes
            return new DeliveryReport(false, answer.status(), null, "Redirected: DingTalk throttles a robot that sent"
                    + " more than 20 messages a minute", answer.retryAfter(), answer.latency(), true);
        }
        return VendorFormat.coded(answer, "errcode", "errmsg", TOO_FAST);
    }

    /** Base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)), before URL encoding. */
    static String sign(String timestamp, String secret) {
        return Base64.getEncoder().encodeToString(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8),
                (timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    }
}

package io.firedrill.adapter.webhook.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.application.port.out.ChannelSender.Destination;
import io.firedrill.domain.notification.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A Feishu or Lark custom bot with signature verification: an interactive card, signed with {@code timestamp} (Unix
 * seconds) and {@code sign} in the body, where {@code sign} is the Base64 of HMAC-SHA256 keyed with
 * {@code timestamp + "\n" + secret} over an empty message. The bot answers HTTP 200 with {@code code} 0, or another
 * code (19021: signature or timestamp refused; 11232: rate limited; the limit is 5 messages per second and 100 per
 * minute per bot). The body may hold at most 20 KB.
 */
final class FeishuFormat implements VendorFormat {

    /** The text's share of the 20 KB body limit; the fields' share is {@link VendorFormat#FIELDS_MAX} short values. */
    static final int TEXT_MAX_BYTES = 12_000;
    /** The code that means "later": rate limited. */
    static final int RATE_LIMITED = 11232;

    @Override
    public Prepared prepare(OutgoingMessage message, Destination destination, Instant now) {
        String timestamp = String.valueOf(now.getEpochSecond());
        ObjectNode body = VendorFormat.object();
        body.put("timestamp", timestamp);
        body.put("sign", sign(timestamp, destination.secret()));
        body.put("msg_type", "interactive");
        ObjectNode card = body.putObject("card");
        card.putObject("config").put("wide_screen_mode", true);
        ObjectNode header = card.putObject("header");
        header.putObject("title").put("tag", "plain_text").put("content", VendorFormat.cut(message.title(), 200));
        header.put("template", switch (message.colour()) {
            case NEUTRAL -> "blue";
            case GOOD -> "green";
            case WARNING -> "orange";
            case DANGER -> "red";
        });
        ArrayNode elements = card.putArray("elements");
        if (!message.text().isBlank()) {
            elements.addObject().put("tag", "div").putObject("text").put("tag", "lark_md")
                    .put("content", VendorFormat.cutBytes(message.text(), TEXT_MAX_BYTES));
        }
        if (!message.fields().isEmpty()) {
            ArrayNode fields = elements.addObject().put("tag", "div").putArray("fields");
            VendorFormat.fields(message).forEach(field -> fields.addObject().put("is_short", true).putObject("text")
                    .put("tag", "lark_md").put("content", "**" + field.label() + "**\n" + field.value()));
        }
        if (message.link() != null) {
            ObjectNode button = elements.addObject().put("tag", "action").putArray("actions").addObject();
            button.put("tag", "button").put("type", "default").put("url", message.link());
            button.putObject("text").put("tag", "plain_text").put("content", "Firedrill");
        }
        elements.addObject().put("tag", "note").putArray("elements").addObject().put("tag", "plain_text")
                .put("content", VendorFormat.footer(message));
        return new Prepared(destination.url(), Map.of("Content-Type", "application/json; charset=utf-8"),
                VendorFormat.bytes(body));
    }

    @Override
    public DeliveryReport interpret(Answer answer) {
        if (answer.status() != 200) {
            return VendorFormat.failed(answer, null);
        }
        JsonNode json = VendorFormat.json(answer.body());
        JsonNode code = json == null ? null : json.has("code") ? json.get("code") : json.get("StatusCode");
        if (code == null || !code.canConvertToInt()) {
            return new DeliveryReport(false, 200, null, "The answer has no result code: "
                    + VendorFormat.excerpt(answer.body()), null, answer.latency(), true);
        }
        String msg = json.path("msg").asText(json.path("StatusMessage").asText(""));
        return new DeliveryReport(code.asInt() == 0, 200, code.asText(), code.asInt() == 0 ? "accepted" : msg,
                answer.retryAfter(), answer.latency(), code.asInt() == RATE_LIMITED);
    }

    /** Base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = nothing)). */
    static String sign(String timestamp, String secret) {
        byte[] key = (timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(Hmac.sha256(key, new byte[0]));
    }
}

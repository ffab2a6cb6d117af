package io.firedrill.adapter.webhook.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.application.port.out.ChannelSender.Destination;
import io.firedrill.domain.notification.ChannelKind;
import io.firedrill.domain.notification.OutgoingMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One vendor's side of a send: the request a message becomes (format, signature, size limits) and what the vendor's
 * answer means. docs/notifications.md cites each vendor's documentation.
 */
interface VendorFormat {

    ObjectMapper JSON = new ObjectMapper();

    /** A request ready to send. */
    record Prepared(URI url, Map<String, String> headers, byte[] body) {

        @Override
        public String toString() {
            return "Prepared[" + url.getHost() + ", redacted]";
        }
    }

    /** An answer as received: the status, the first bytes of the body, the {@code Retry-After} asked for. */
    record Answer(int status, String body, Duration retryAfter, Duration latency) {
    }

    Prepared prepare(OutgoingMessage message, Destination destination, Instant now);

    DeliveryReport interpret(Answer answer);

    static VendorFormat of(ChannelKind kind) {
        return switch (kind) {
            case SLACK -> new SlackFormat();
            case FEISHU -> new FeishuFormat();
            case DINGTALK -> new DingTalkFormat();
            case WECOM -> new WeComFormat();
            case TEAMS -> new TeamsFormat();
            case WEBHOOK -> new StandardWebhookFormat();
        };
    }

    /** The JSON body's bytes. */
    static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** At most {@code max} characters (code points are not split); an ellipsis marks a cut. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** At most {@code max} bytes of UTF-8 (characters are not split); an ellipsis marks a cut. */
    static String cutBytes(String text, int max) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= max) {
            return text;
        }
        int budget = max - "…".getBytes(StandardCharsets.UTF_8).length;
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            used += size;
            i += Character.charCount(cp);
        }
        return kept.append('…').toString();
    }

    /** The most fields a message shows, and the longest label and value: they stay within every vendor's size. */
    int FIELDS_MAX = 10;
    int FIELD_TEXT_MAX = 200;

    /** The fields a format shows: at most {@link #FIELDS_MAX}, each cut to {@link #FIELD_TEXT_MAX} characters. */
    static java.util.List<OutgoingMessage.Field> fields(OutgoingMessage message) {
        return message.fields().stream().limit(FIELDS_MAX).map(field -> new OutgoingMessage.Field(
                cut(field.label(), FIELD_TEXT_MAX), cut(field.value(), FIELD_TEXT_MAX))).toList();
    }

    /** The footer every format carries: the message's stable id, by which a repeated send is recognisable. */
    static String footer(OutgoingMessage message) {
        return "Firedrill · " + message.id();
    }

    /** The answer's body as JSON, or {@code null} when it is not JSON. */
    static JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    /** The first characters of an answer's body, for the report. */
    static String excerpt(String body) {
        return body == null ? "" : cut(body.strip(), 300);
    }

    /**
     * The report of a vendor that answers HTTP 200 with its own result code in the body ({@code codeField}, 0 for
     * success) and message ({@code messageField}); {@code rateLimited} is its code for "too many, later".
     */
    static DeliveryReport coded(Answer answer, String codeField, String messageField, int rateLimited) {
        if (answer.status() != 200) {
            return failed(answer, null);
        }
        JsonNode json = json(answer.body());
        JsonNode code = json == null ? null : json.get(codeField);
        if (code == null || !code.canConvertToInt()) {
            return new DeliveryReport(false, 200, null, "The answer has no " + codeField + ": " + excerpt(answer.body()),
                    null, answer.latency(), true);
        }
        return new DeliveryReport(code.asInt() == 0, 200, code.asText(),
                code.asInt() == 0 ? "accepted" : json.path(messageField).asText(""), answer.retryAfter(),
                answer.latency(), code.asInt() == rateLimited);
    }

    /**
     * The report for an HTTP status other than the vendor's success: 429 and 5xx (and 408) may pass later, the rest is
     * the vendor refusing the request.
     */
    static DeliveryReport failed(Answer answer, String vendorCode) {
        int status = answer.status();
        boolean retryable = status == 408 || status == 429 || status >= 500;
        return new DeliveryReport(false, status, vendorCode, "HTTP " + status + ": " + excerpt(answer.body()),
                answer.retryAfter(), answer.latency(), retryable);
    }
}

package io.firedrill.adapter.webhook.notification;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.application.port.out.ChannelSender.Destination;
import io.firedrill.domain.notification.OutgoingMessage;
import java.time.Instant;
import java.util.Map;

/**
 * A Slack incoming webhook: a Block Kit message (header, section in mrkdwn, fields, a link, a context line) with the
 * plain {@code text} as the notification's fallback. Slack answers 200 {@code ok}, or an error string with 4xx/5xx, and
 * 429 with {@code Retry-After} past its rate limit (one message per second per webhook, short bursts allowed).
 */
final class SlackFormat implements VendorFormat {

    /** Block Kit limits: a header's text, a section's text (fields stay within theirs, 10 of 2,000 characters). */
    static final int HEADER_MAX = 150;
    static final int SECTION_MAX = 3000;

    @Override
    public Prepared prepare(OutgoingMessage message, Destination destination, Instant now) {
        ObjectNode body = VendorFormat.object();
        body.put("text", VendorFormat.cut(message.title(), SECTION_MAX));
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", VendorFormat.cut(message.title(), HEADER_MAX));
        if (!message.text().isBlank()) {
            ObjectNode section = blocks.addObject().put("type", "section");
            section.putObject("text").put("type", "mrkdwn").put("text", VendorFormat.cut(mrkdwn(message.text()), SECTION_MAX));
        }
        if (!message.fields().isEmpty()) {
            ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
            VendorFormat.fields(message).forEach(field -> fields.addObject().put("type", "mrkdwn")
                    .put("text", "*" + escape(field.label()) + "*\n" + escape(field.value())));
        }
        if (message.link() != null) {
            ObjectNode link = blocks.addObject().put("type", "section");
            link.putObject("text").put("type", "mrkdwn").put("text", "<" + message.link() + "|Open in Firedrill>");
        }
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", VendorFormat.footer(message));
        return new Prepared(destination.url(), Map.of("Content-Type", "application/json"), VendorFormat.bytes(body));
    }

    @Override
    public DeliveryReport interpret(Answer answer) {
        String text = answer.body() == null ? "" : answer.body().strip();
        if (answer.status() == 200) {
            return new DeliveryReport(true, 200, text.isEmpty() ? null : VendorFormat.cut(text, 100), "accepted",
                    null, answer.latency(), false);
        }
        return VendorFormat.failed(answer, text.isEmpty() || text.length() > 100 ? null : text);
    }

    /** Markdown's {@code **bold**} is Slack's {@code *bold*}; {@code &}, {@code <} and {@code >} are escaped. */
    static String mrkdwn(String markdown) {
        return escape(markdown).replaceAll("\\*\\*(.+?)\\*\\*", "*$1*");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

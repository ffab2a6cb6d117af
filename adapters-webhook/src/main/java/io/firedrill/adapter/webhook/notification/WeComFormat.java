package io.firedrill.adapter.webhook.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.application.port.out.ChannelSender.Destination;
import io.firedrill.domain.notification.OutgoingMessage;
import java.time.Instant;
import java.util.Map;

/**
 * A WeCom group robot: a markdown message of at most 4,096 bytes of UTF-8; the URL's {@code key} is the credential and
 * nothing is signed. The robot answers HTTP 200 with {@code errcode} 0, or another code (45009: more than 20 messages
 * a minute; 40058: content too long).
 */
final class WeComFormat implements VendorFormat {

    static final int CONTENT_MAX_BYTES = 4_096;
    static final int TOO_FAST = 45009;

    @Override
    public Prepared prepare(OutgoingMessage message, Destination destination, Instant now) {
        StringBuilder content = new StringBuilder("**").append(message.title()).append("**\n");
        if (!message.text().isBlank()) {
            content.append(message.text()).append('\n');
        }
        VendorFormat.fields(message).forEach(field -> content.append("> ").append(field.label()).append(": ")
                .append(field.value()).append('\n'));
        if (message.link() != null) {
            content.append("[Firedrill](").append(message.link()).append(")\n");
        }
        String footer = "<font color=\"comment\">" + VendorFormat.footer(message) + "</font>";
        // the footer (the message id) survives a cut of the rest
        String kept = VendorFormat.cutBytes(content.toString(), CONTENT_MAX_BYTES - footer.getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length - 1);
        ObjectNode body = VendorFormat.object().put("msgtype", "markdown");
        body.putObject("markdown").put("content", kept + "\n" + footer);
        return new Prepared(destination.url(), Map.of("Content-Type", "application/json; charset=utf-8"),
                VendorFormat.bytes(body));
    }

    @Override
    public DeliveryReport interpret(Answer answer) {
        return VendorFormat.coded(answer, "errcode", "errmsg", TOO_FAST);
    }
}

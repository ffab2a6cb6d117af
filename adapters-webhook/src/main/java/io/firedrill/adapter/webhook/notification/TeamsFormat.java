package io.firedrill.adapter.webhook.notification;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.application.port.out.ChannelSender.Destination;
import io.firedrill.domain.notification.OutgoingMessage;
import java.time.Instant;
import java.util.Map;

/**
 * A Microsoft Teams channel through a Workflows webhook ("Send webhook alerts to a channel"): a {@code message} whose
 * one attachment is an Adaptive Card 1.4; the URL's {@code sig} is the credential. The workflow answers 202 Accepted
 * once the run is queued (a failure inside the flow shows only in its run history), 429 with {@code Retry-After} when
 * throttled. A message may hold about 28 KB.
 */
final class TeamsFormat implements VendorFormat {

    /** The text's share of the ~28 KB message limit, in bytes (Chinese takes three per character). */
    static final int TEXT_MAX_BYTES = 16_000;

    @Override
    public Prepared prepare(OutgoingMessage message, Destination destination, Instant now) {
        ObjectNode body = VendorFormat.object().put("type", "message");
        ObjectNode attachment = body.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json").put("type", "AdaptiveCard")
                .put("version", "1.4");
        ArrayNode blocks = card.putArray("body");
        blocks.addObject().put("type", "TextBlock").put("text", VendorFormat.cut(message.title(), 500))
                .put("size", "Medium").put("weight", "Bolder").put("wrap", true)
                .put("color", switch (message.colour()) {
                    case NEUTRAL -> "Default";
                    case GOOD -> "Good";
                    case WARNING -> "Warning";
                    case DANGER -> "Attention";
                });
        if (!message.text().isBlank()) {
            blocks.addObject().put("type", "TextBlock").put("text", VendorFormat.cutBytes(message.text(), TEXT_MAX_BYTES))
                    .put("wrap", true);
        }
        if (!message.fields().isEmpty()) {
            ArrayNode facts = blocks.addObject().put("type", "FactSet").putArray("facts");
            VendorFormat.fields(message).forEach(field -> facts.addObject().put("title", field.label())
                    .put("value", field.value()));
        }
        blocks.addObject().put("type", "TextBlock").put("text", VendorFormat.footer(message)).put("isSubtle", true)
                .put("size", "Small").put("wrap", true);
        if (message.link() != null) {
            card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Firedrill")
                    .put("url", message.link());
        }
        return new Prepared(destination.url(), Map.of("Content-Type", "application/json"), VendorFormat.bytes(body));
    }

    @Override
    public DeliveryReport interpret(Answer answer) {
        if (answer.status() == 200 || answer.status() == 202) {
            return new DeliveryReport(true, answer.status(), null, "accepted (queued by the workflow; a failure"
                    + " inside the flow shows only in its run history)", null, answer.latency(), false);
        }
        return VendorFormat.failed(answer, null);
    }
}

package io.firedrill.adapter.webhook.notification;

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
 * A generic webhook signed per the Standard Webhooks specification: a JSON body {@code {type, timestamp, data}} and the
 * headers {@code webhook-id} (the message's stable id), {@code webhook-timestamp} (Unix seconds of this attempt) and
 * {@code webhook-signature} ({@code v1,} and the Base64 of HMAC-SHA256 keyed with the Base64-decoded part of the
 * {@code whsec_} secret over {@code id.timestamp.body}). Any 2xx is a success; 410 means the endpoint is gone; every
 * other answer is a failure worth retrying.
 */
final class StandardWebhookFormat implements VendorFormat {

    static final String SECRET_PREFIX = "whsec_";

    @Override
    public Prepared prepare(OutgoingMessage message, Destination destination, Instant now) {
        ObjectNode body = VendorFormat.object();
        body.put("type", message.type());
        body.put("timestamp", message.createdAt().toString());
        ObjectNode data = body.putObject("data");
        data.put("id", message.id()).put("title", message.title()).put("text", message.text());
        ArrayNode fields = data.putArray("fields");
        message.fields().forEach(field -> fields.addObject().put("label", field.label()).put("value", field.value()));
        data.put("colour", message.colour().name().toLowerCase(java.util.Locale.ROOT));
        if (message.link() != null) {
            data.put("link", message.link());
        }
        byte[] bytes = VendorFormat.bytes(body);
        String timestamp = String.valueOf(now.getEpochSecond());
        return new Prepared(destination.url(), Map.of("Content-Type", "application/json", "webhook-id", message.id(),
                "webhook-timestamp", timestamp,
                "webhook-signature", "v1," + sign(destination.secret(), message.id(), timestamp, bytes)), bytes);
    }

    @Override
    public DeliveryReport interpret(Answer answer) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return new DeliveryReport(true, status, null, "accepted", null, answer.latency(), false);
        }
        return new DeliveryReport(false, status, null, (status == 410 ? "The endpoint is gone (410): "
                : "HTTP " + status + ": ") + VendorFormat.excerpt(answer.body()), answer.retryAfter(), answer.latency(),
                status != 410);
    }

    /** Base64(HMAC-SHA256(key = base64-decode(secret without whsec_), message = id + "." + timestamp + "." + body)). */
    static String sign(String secret, String id, String timestamp, byte[] body) {
        byte[] key = Base64.getDecoder().decode(secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length())
                : secret);
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return Base64.getEncoder().encodeToString(Hmac.sha256(key, content));
    }
}

package io.firedrill.adapter.webhook.inbound.generic;

import com.fasterxml.jackson.databind.JsonNode;
import io.firedrill.adapter.webhook.inbound.JsonFields;
import io.firedrill.adapter.webhook.inbound.PayloadException;
import io.firedrill.domain.alert.AlertStatus;
import io.firedrill.domain.alert.IncomingAlert;
import java.time.Instant;
import java.util.Map;

/**
 * The generic format: one alert per request, {@code dedupKey} (required, its identity), {@code status}
 * ({@code firing|resolved}), {@code severity}, {@code service}, {@code summary} (required when firing),
 * {@code startsAt} and {@code endsAt} (RFC 3339; the receipt instant when absent), {@code labels},
 * {@code annotations} and {@code links} ({@code [{"title", "url"}]}: the first is the alert's link, every
 * one is kept as an annotation {@code link:<title>}).
 */
public final class GenericPayload {

    public static final int MAX_LINKS = 20;

    private GenericPayload() {
    }

    public static IncomingAlert parse(JsonNode root, Instant receivedAt) {
        if (root == null || !root.isObject()) {
            throw PayloadException.invalid("$", "the body must be a JSON object");
        }
        String dedupKey = JsonFields.text(root, "dedupKey", "dedupKey", true, JsonFields.MAX_NAME);
        String statusText = JsonFields.text(root, "status", "status", true, 16);
        AlertStatus status = switch (statusText) {
            case "firing" -> AlertStatus.FIRING;
            case "resolved" -> AlertStatus.RESOLVED;
            default -> throw PayloadException.invalid("status", "must be \"firing\" or \"resolved\"");
        };
        String summary = JsonFields.text(root, "summary", "summary", status == AlertStatus.FIRING, 1_000);
        Map<String, String> labels = JsonFields.strings(root, "labels", "labels", false);
        Map<String, String> annotations = JsonFields.strings(root, "annotations", "annotations", false);
        String url = links(root, annotations);
        Instant startsAt = JsonFields.instant(root, "startsAt", "startsAt", false);
        Instant endsAt = JsonFields.instant(root, "endsAt", "endsAt", false);
        if (startsAt != null && endsAt != null && endsAt.isBefore(startsAt)) {
            throw PayloadException.invalid("endsAt", "must not be before startsAt");
        }
        return new IncomingAlert(dedupKey, status, labels, annotations, startsAt == null ? receivedAt : startsAt,
                endsAt, url, null, dedupKey,
                JsonFields.text(root, "severity", "severity", false, JsonFields.MAX_NAME),
                JsonFields.text(root, "service", "service", false, 200), summary);
    }

    private static String links(JsonNode root, Map<String, String> annotations) {
        JsonNode links = root.get("links");
        if (links == null || links.isNull()) {
            return null;
        }
        if (!links.isArray()) {
            throw PayloadException.invalid("links", "must be an array of {\"title\", \"url\"}");
        }
        if (links.size() > MAX_LINKS) {
            throw PayloadException.invalid("links", "must hold at most " + MAX_LINKS + " links");
        }
        String first = null;
        for (int i = 0; i < links.size(); i++) {
            String path = "links[" + i + "]";
            JsonNode link = links.get(i);
            if (!link.isObject()) {
                throw PayloadException.invalid(path, "must be an object with title and url");
            }
            String url = JsonFields.text(link, "url", path + ".url", true, 2_000);
            String title = JsonFields.text(link, "title", path + ".title", false, 200);
            annotations.put("link:" + (title == null ? url : title), url);
            first = first == null ? url : first;
        }
        return first;
    }
}

package io.firedrill.adapter.webhook.inbound.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import io.firedrill.adapter.webhook.inbound.JsonFields;
import io.firedrill.adapter.webhook.inbound.PayloadException;
import io.firedrill.domain.alert.AlertStatus;
import io.firedrill.domain.alert.IncomingAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Alertmanager webhook payload (version 4): {@code receiver}, {@code status}, {@code alerts[]}
 * ({@code status}, {@code labels}, {@code annotations}, {@code startsAt}, {@code endsAt},
 * {@code generatorURL}, {@code fingerprint}), {@code groupLabels}, {@code commonLabels},
 * {@code commonAnnotations}, {@code externalURL}, {@code groupKey}, {@code truncatedAlerts}. Grafana's
 * webhook contact point sends the same shape with version 1 and a few more fields per alert. Fields not
 * read here are ignored, so newer senders' additions do not break the receiver.
 */
public final class PrometheusStylePayload {

    /** The alerts, in payload order, and how many the sender left out. */
    public record Parsed(List<IncomingAlert> alerts, int truncatedAlerts) {
    }

    private PrometheusStylePayload() {
    }

    /**
     * @param version the payload version this receiver accepts ({@code "4"} for Alertmanager)
     * @param urlFields the alert fields to take the alert's link from, first present wins
     */
    public static Parsed parse(JsonNode root, String version, List<String> urlFields) {
        if (root == null || !root.isObject()) {
            throw PayloadException.invalid("$", "the body must be a JSON object");
        }
        String sent = JsonFields.text(root, "version", "version", false, 16);
        if (sent != null && !sent.equals(version)) {
            throw PayloadException.invalid("version", "must be \"" + version + "\"; this receiver reads version " + version);
        }
        String groupKey = JsonFields.text(root, "groupKey", "groupKey", true, 16_384);
        JsonNode alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw PayloadException.invalid("alerts", "is required and must be an array");
        }
        if (alerts.size() > JsonFields.MAX_ALERTS) {
            throw PayloadException.tooLarge("alerts", "holds " + alerts.size() + " alerts; at most "
                    + JsonFields.MAX_ALERTS + " per request (set max_alerts in the sender)");
        }
        List<IncomingAlert> parsed = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            String path = "alerts[" + i + "]";
            JsonNode alert = alerts.get(i);
            if (!alert.isObject()) {
                throw PayloadException.invalid(path, "must be an object");
            }
            AlertStatus status = status(JsonFields.text(alert, "status", path + ".status", true, 16), path + ".status");
            Map<String, String> labels = JsonFields.strings(alert, "labels", path + ".labels", true);
            Map<String, String> annotations = JsonFields.strings(alert, "annotations", path + ".annotations", false);
            String url = null;
            for (String field : urlFields) {
                url = url != null ? url : JsonFields.text(alert, field, path + "." + field, false, JsonFields.MAX_VALUE);
            }
            parsed.add(new IncomingAlert(
                    JsonFields.text(alert, "fingerprint", path + ".fingerprint", true, JsonFields.MAX_NAME),
                    status, labels, annotations,
                    JsonFields.instant(alert, "startsAt", path + ".startsAt", true),
                    JsonFields.instant(alert, "endsAt", path + ".endsAt", false),
                    url, groupKey, null, null, null, null));
        }
        return new Parsed(parsed, JsonFields.count(root, "truncatedAlerts", "truncatedAlerts"));
    }

    private static AlertStatus status(String text, String path) {
        return switch (text) {
            case "firing" -> AlertStatus.FIRING;
            case "resolved" -> AlertStatus.RESOLVED;
            default -> throw PayloadException.invalid(path, "must be \"firing\" or \"resolved\"");
        };
    }
}

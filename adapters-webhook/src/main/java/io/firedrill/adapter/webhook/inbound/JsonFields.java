package io.firedrill.adapter.webhook.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.firedrill.domain.shared.AcceptedTimes;
import io.firedrill.domain.shared.ControlCharacters;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading a source's JSON field by field, so that every refusal names the field by its path. */
public final class JsonFields {

    /** The most alerts one request may hold. */
    public static final int MAX_ALERTS = 1_000;
    /** The most labels (or annotations) one alert may hold. */
    public static final int MAX_ENTRIES = 100;
    public static final int MAX_NAME = 256;
    public static final int MAX_VALUE = 16_384;

    /** Alertmanager's and Grafana's "no end yet": Go's zero time. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private JsonFields() {
    }

    public static JsonNode object(JsonNode parent, String name, String path, boolean required) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                throw PayloadException.invalid(path, "is required");
            }
            return null;
        }
        if (!node.isObject()) {
            throw PayloadException.invalid(path, "must be an object");
        }
        return node;
    }

    public static String text(JsonNode parent, String name, String path, boolean required, int max) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty() && !required)) {
            if (required) {
                throw PayloadException.invalid(path, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw PayloadException.invalid(path, "must be a string");
        }
        String value = node.asText();
        if (ControlCharacters.first(value) >= 0) {
            throw PayloadException.invalid(path, ControlCharacters.refusal(ControlCharacters.first(value)));
        }
        if (required && value.isBlank()) {
            throw PayloadException.invalid(path, "must not be blank");
        }
        if (value.length() > max) {
            throw PayloadException.invalid(path, "must be at most " + max + " characters");
        }
        return value;
    }

    /** An RFC 3339 instant (offsets and nanoseconds allowed); Go's zero time counts as absent. */
    public static Instant instant(JsonNode parent, String name, String path, boolean required) {
        String text = text(parent, name, path, required, 64);
        if (text == null) {
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(text).toInstant();
            if (instant.equals(GO_ZERO_TIME)) {
                if (required) {
                    throw PayloadException.invalid(path, "must be a real instant, not Go's zero time");
                }
                return null;
            }
            if (!AcceptedTimes.accepted(instant)) {
                throw PayloadException.invalid(path, AcceptedTimes.refusal());
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw PayloadException.invalid(path, "must be an RFC 3339 instant such as 2026-11-30T09:58:00Z");
        }
    }

    /** An object of string values (labels, annotations), in the order given. */
    public static Map<String, String> strings(JsonNode parent, String name, String path, boolean required) {
        JsonNode node = object(parent, name, path, required);
        Map<String, String> values = new LinkedHashMap<>();
        if (node == null) {
            return values;
        }
        if (node.size() > MAX_ENTRIES) {
            throw PayloadException.invalid(path, "must hold at most " + MAX_ENTRIES + " entries");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path + "." + field.getKey();
            if (ControlCharacters.first(field.getKey()) >= 0) {
                throw PayloadException.invalid(fieldPath,
                        "names " + ControlCharacters.refusal(ControlCharacters.first(field.getKey())));
            }
            if (field.getKey().isEmpty() || field.getKey().length() > MAX_NAME) {
                throw PayloadException.invalid(fieldPath, "names must be 1 to " + MAX_NAME + " characters");
            }
            if (!field.getValue().isTextual()) {
                throw PayloadException.invalid(fieldPath, "must be a string");
            }
            if (field.getValue().asText().length() > MAX_VALUE) {
                throw PayloadException.invalid(fieldPath, "must be at most " + MAX_VALUE + " characters");
            }
            if (ControlCharacters.first(field.getValue().asText()) >= 0) {
                throw PayloadException.invalid(fieldPath,
                        ControlCharacters.refusal(ControlCharacters.first(field.getValue().asText())));
            }
            values.put(field.getKey(), field.getValue().asText());
        }
        return values;
    }

    public static int count(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 0) {
            throw PayloadException.invalid(path, "must be a non-negative integer");
        }
        return node.asInt();
    }
}

package io.firedrill.domain.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How alerts are grouped into incidents: a text with placeholders such as {@code {alertname}/{service}}.
 * A placeholder names a label, or one of the alert's own keys ({@code groupKey}, {@code dedupKey},
 * {@code fingerprint}); a missing value renders as the empty string. Alerts with the same rendered key
 * belong to the same open incident.
 */
public final class GroupingTemplate {

    /** The longest template accepted. */
    public static final int MAX_LENGTH = 500;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String text;
    private final List<Part> parts;

    private GroupingTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException naming {@code groupingKey} when the braces do not pair up, a
     *     placeholder is not a label name, or there is no placeholder at all
     */
    public static GroupingTemplate parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("groupingKey must not be blank");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("groupingKey must be at most " + MAX_LENGTH + " characters");
        }
        List<Part> parts = new ArrayList<>();
        int i = 0;
        boolean placeholder = false;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            int close = text.indexOf('}', i);
            if (close >= 0 && (open < 0 || close < open)) {
                throw new IllegalArgumentException("groupingKey has a '}' without its '{' at " + close);
            }
            if (open < 0) {
                parts.add(new Part(text.substring(i), false));
                break;
            }
            if (open > i) {
                parts.add(new Part(text.substring(i, open), false));
            }
            if (close < 0) {
                throw new IllegalArgumentException("groupingKey has a '{' without its '}' at " + open);
            }
            String name = text.substring(open + 1, close);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("groupingKey placeholder {" + name + "} is not a label name");
            }
            parts.add(new Part(name, true));
            placeholder = true;
            i = close + 1;
        }
        if (!placeholder) {
            throw new IllegalArgumentException("groupingKey must contain at least one {placeholder}");
        }
        return new GroupingTemplate(text, List.copyOf(parts));
    }

    /** The key for an alert whose labels and own keys are {@code values}. */
    public String render(Map<String, String> values) {
        StringBuilder key = new StringBuilder();
        for (Part part : parts) {
            if (part.placeholder()) {
                String value = values.get(part.text());
                key.append(value == null ? "" : value);
            } else {
                key.append(part.text());
            }
        }
        return key.toString();
    }

    /** The template as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    private record Part(String text, boolean placeholder) {
    }
}

package io.firedrill.domain.drill;

import io.firedrill.domain.shared.FieldText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Validation of a drill plan's fields. Every message starts with the field's path in the public JSON
 * ({@code steps[2].httpProbe.url}), so that the REST layer can point at it.
 */
final class Fields {

    private Fields() {
    }

    static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    static String text(String value, String field, int max) {
        return FieldText.required(value, field, max);
    }

    /** Blank counts as absent and becomes {@code null}. */
    static String optional(String value, String field, int max) {
        return value == null || value.isBlank() ? null : text(value, field, max);
    }

    /** An unmodifiable copy of at most {@code max} non-null entries; {@code null} is the empty list. */
    static <T> List<T> list(List<T> values, String field, int max) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > max) {
            throw new IllegalArgumentException(field + " must have at most " + max + " entries");
        }
        for (int i = 0; i < values.size(); i++) {
            notNull(values.get(i), field + "[" + i + "]");
        }
        return Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** A duration within {@code [min, max]}, written as ISO-8601 ({@code PT5M}). */
    static Duration duration(Duration value, String field, Duration min, Duration max) {
        notNull(value, field);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max + " (ISO-8601, such as PT5M)");
        }
        return value;
    }
}

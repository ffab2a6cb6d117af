package io.firedrill.domain.postmortem;

import io.firedrill.domain.shared.ControlCharacters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Normalisation and validation of the postmortem's texts. Every validation message starts with the field's
 * path in the public JSON ({@code fiveWhys[2].because}), so that the REST layer can point at it.
 */
final class Texts {

    static final int SUMMARY_MAX = 20_000;
    static final int TEXT_MAX = 5_000;
    static final int ENTRIES_MAX = 100;
    static final int EVIDENCE_MAX = 50;
    static final int ID_MAX = 200;

    private Texts() {
    }

    /** Blank counts as not written. */
    static String orNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * An unmodifiable copy; {@code null} is the empty list. Null elements are kept so that validation can
     * name them by index.
     */
    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }

    static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return atMost(value, field, max);
    }

    static String optional(String value, String field, int max) {
        return value == null || value.isBlank() ? null : atMost(value, field, max);
    }

    static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    static void entries(List<?> values, String field, int max) {
        if (values.size() > max) {
            throw new IllegalArgumentException(field + " must have at most " + max + " entries");
        }
    }

    static void texts(List<String> values, String field) {
        entries(values, field, ENTRIES_MAX);
        for (int i = 0; i < values.size(); i++) {
            required(values.get(i), field + "[" + i + "]", TEXT_MAX);
        }
    }

    static void evidence(List<String> ids, String field) {
        entries(ids, field, EVIDENCE_MAX);
        for (int i = 0; i < ids.size(); i++) {
            required(ids.get(i), field + "[" + i + "]", ID_MAX);
        }
    }

    private static String atMost(String value, String field, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters");
        }
        int control = ControlCharacters.first(value);
        if (control >= 0) {
            throw new IllegalArgumentException(field + " " + ControlCharacters.refusal(control));
        }
        return value;
    }
}

package io.firedrill.domain.shared;

/**
 * A required text field: not blank, stripped, at most so long, without control characters. Refusals are
 * {@link IllegalArgumentException}s whose message starts with the field, so that the REST layer can point at it.
 */
public final class FieldText {

    private FieldText() {
    }

    /** The stripped text; refused when blank, longer than {@code max} or holding a control character. */
    public static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        String text = value.strip();
        if (text.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters");
        }
        int control = ControlCharacters.first(text);
        if (control >= 0) {
            throw new IllegalArgumentException(field + " " + ControlCharacters.refusal(control));
        }
        return text;
    }
}

package io.firedrill.domain.shared;

/**
 * Control characters in text (C0, DEL and C1): Firedrill stores none (PostgreSQL cannot hold a NUL in text or JSON),
 * except tab, line feed and carriage return. Commands and adapters refuse text that holds one, naming the field.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** The first control character of {@code text} that may not be stored, or -1 when there is none. */
    public static int first(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
                return c;
            }
        }
        return -1;
    }

    /** The refusal of a text holding {@code character}, for a problem answer. */
    public static String refusal(int character) {
        return String.format("must not contain control characters (found U+%04X)", character);
    }
}

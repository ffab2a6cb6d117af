package io.firedrill.domain.notification;

import java.util.Locale;

/** The language a channel's messages are written in: the built-in templates exist in English and Chinese. */
public enum MessageLanguage {
    EN, ZH;

    /** Parses {@code en} or {@code zh} (any case); anything else is refused naming {@code field}. */
    public static MessageLanguage parse(String text, String field) {
        if (text == null || text.isBlank()) {
            return EN;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be en or zh");
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.firedrill.application.port.out;

import io.firedrill.domain.notification.MessageLanguage;
import io.firedrill.domain.notification.Notice;
import io.firedrill.domain.notification.NoticeType;

/** The template engine of notifications (Qute), and Firedrill's built-in templates. */
public interface MessageTemplates {

    /** A built-in template pair. */
    record Pair(String title, String body) {
    }

    /** The built-in templates of a type in a language. */
    Pair builtIn(NoticeType type, MessageLanguage language);

    /**
     * Checks that {@code template} parses and renders {@code sample}; else an {@link IllegalArgumentException} whose
     * message starts with {@code field} and gives the line ({@code body line 3: …}).
     */
    void check(String template, String field, Notice sample);

    /** Renders {@code template} for {@code notice}. */
    String render(String template, Notice notice);
}

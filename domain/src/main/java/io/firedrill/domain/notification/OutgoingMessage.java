package io.firedrill.domain.notification;

import io.firedrill.domain.shared.FieldText;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message before it is put into a vendor's format: a title, a Markdown text, labelled facts and an optional link.
 * Every format renders all of it; the vendor's limits are the format's business.
 *
 * @param id stable across retries of one message, so that a receiver recognises a repeated send
 * @param type what the message is about ({@code firedrill.test}, {@code incident.declared}, …); the type of a signed
 *     webhook's payload
 * @param link an absolute URL to open the subject in Firedrill, or {@code null}
 * @param colour the accent of formats that have one
 */
public record OutgoingMessage(String id, String type, Instant createdAt, String title, String text,
                              List<Field> fields, String link, Colour colour) {

    /** A labelled value shown beside the text (severity, service, commander…). */
    public record Field(String label, String value) {

        public Field {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The accent of a message. */
    public enum Colour { NEUTRAL, GOOD, WARNING, DANGER }

    public OutgoingMessage {
        id = FieldText.required(id, "id", 200);
        type = FieldText.required(type, "type", 200);
        Objects.requireNonNull(createdAt, "createdAt");
        title = FieldText.required(title, "title", 1_000);
        text = text == null ? "" : text;
        fields = fields == null ? List.of() : List.copyOf(fields);
        colour = colour == null ? Colour.NEUTRAL : colour;
    }
}

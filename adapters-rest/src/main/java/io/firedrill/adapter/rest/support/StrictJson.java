package io.firedrill.adapter.rest.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.firedrill.domain.shared.AcceptedTimes;
import io.firedrill.domain.shared.ControlCharacters;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * The one JSON reading every request body goes through, strict so that what is stored is what the client meant:
 * enums only by their exact names (no positions, no padding), booleans only {@code true}/{@code false}, no scalar
 * coerced into another type, instants and dates only as ISO-8601 strings within the accepted range ({@link AcceptedTimes}),
 * durations only as ISO-8601 strings,
 * no control character in any text or key (a NUL cannot be stored), nothing after the body. Each refusal is a 400
 * problem naming the field.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** After Quarkus' own customizers, so that these readers replace the Java time module's lenient ones. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // Durations are written as they are read: ISO-8601 strings (PT5M), not seconds.
        mapper.disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        SimpleModule module = new SimpleModule("firedrill-strict-json");
        module.addDeserializer(String.class, new Text());
        module.addKeyDeserializer(String.class, new TextKey());
        module.addDeserializer(Instant.class, new IsoInstant());
        module.addDeserializer(LocalDate.class, new IsoDate());
        module.addDeserializer(java.time.Duration.class, new IsoDuration());
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription description, JsonDeserializer<?> deserializer) {
                return new ExactEnum(type.getRawClass());
            }
        });
        mapper.registerModule(module);
    }

    /** A refusal whose message is the reason alone: the problem answer names the field and shows it. */
    private static InvalidFormatException refused(JsonParser parser, Object value, Class<?> type, String reason) {
        return InvalidFormatException.from(parser, reason, value, type);
    }

    private static String checked(String text, JsonParser parser, DeserializationContext context) throws IOException {
        int control = ControlCharacters.first(text);
        if (control >= 0) {
            throw refused(parser, text, String.class, ControlCharacters.refusal(control));
        }
        return text;
    }

    /** Text: strings only (a number or a boolean is not text), without control characters. */
    private static final class Text extends StdDeserializer<String> {

        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw refused(parser, parser.getText(), String.class, "must be a string");
            }
            return checked(parser.getText(), parser, context);
        }
    }

    /** Keys of maps (labels, mappings): without control characters. */
    private static final class TextKey extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            int control = ControlCharacters.first(key);
            if (control >= 0) {
                throw InvalidFormatException.from(context.getParser(), ControlCharacters.refusal(control), key, String.class);
            }
            return key;
        }
    }

    /** Instants: ISO-8601 strings within the accepted range, never numbers. */
    private static final class IsoInstant extends StdDeserializer<Instant> {

        IsoInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw refused(parser, parser.getText(), Instant.class, "must be an ISO-8601 instant string such as 2026-11-24T10:15:00Z");
            }
            String text = parser.getText().strip();
            Instant instant;
            try {
                instant = java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw refused(parser, text, Instant.class, "must be an ISO-8601 instant such as 2026-11-24T10:15:00Z");
            }
            if (!AcceptedTimes.accepted(instant)) {
                throw refused(parser, text, Instant.class, AcceptedTimes.refusal());
            }
            return instant;
        }
    }

    /** Durations: ISO-8601 strings ({@code PT5M}), never numbers. */
    private static final class IsoDuration extends StdDeserializer<java.time.Duration> {

        IsoDuration() {
            super(java.time.Duration.class);
        }

        @Override
        public java.time.Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String example = "must be an ISO-8601 duration string such as PT5M or PT30S";
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw refused(parser, parser.getText(), java.time.Duration.class, example);
            }
            String text = parser.getText().strip();
            try {
                return java.time.Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw refused(parser, text, java.time.Duration.class, example);
            }
        }
    }

    /** Dates: ISO-8601 strings within the accepted range, never numbers or arrays. */
    private static final class IsoDate extends StdDeserializer<LocalDate> {

        IsoDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw refused(parser, parser.getText(), LocalDate.class, "must be a date string such as 2026-12-31");
            }
            String text = parser.getText().strip();
            LocalDate date;
            try {
                date = LocalDate.parse(text);
            } catch (DateTimeException e) {
                throw refused(parser, text, LocalDate.class, "must be a date such as 2026-12-31");
            }
            if (date.getYear() < 1970 || date.getYear() > 9999) {
                throw refused(parser, text, LocalDate.class, "must be between 1970-01-01 and 9999-12-31");
            }
            return date;
        }
    }

    /** Enums: a string that is exactly the name of a constant. */
    private static final class ExactEnum extends StdDeserializer<Object> {

        private final Class<?> type;

        ExactEnum(Class<?> type) {
            super(type);
            this.type = type;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getText();
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw refused(parser, text, type, "must be one of " + Arrays.toString(type.getEnumConstants())
                        + " (a string), not " + text);
            }
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(text)) {
                    return constant;
                }
            }
            throw refused(parser, text, type, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", not '"
                    + text + "'");
        }
    }
}

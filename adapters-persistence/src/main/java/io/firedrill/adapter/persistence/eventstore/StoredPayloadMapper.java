package io.firedrill.adapter.persistence.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import io.firedrill.application.slice.EventTypes.ValueType;
import io.firedrill.application.slice.Slices;
import java.util.function.Function;

/**
 * The one ObjectMapper that writes and reads stored event payloads. It is configured here, explicitly
 * and apart from the REST layer's, so that changing how the API renders JSON can never change how
 * history is stored: instants and durations as ISO-8601 strings, records through their constructor parameters,
 * unknown properties ignored (an older reader meets a newer field), and the domain's single-value types
 * (ids, incident numbers, tenant ids: whatever the slices declare in their {@code EventTypes}) as plain strings.
 */
public final class StoredPayloadMapper {

    private StoredPayloadMapper() {
    }

    /** The slices' single-value types, found once. */
    private static final class ValueTypes {
        static final java.util.List<ValueType<?>> ALL = Slices.load().storedEvents().valueTypes();
    }

    public static ObjectMapper create() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new ParameterNamesModule())
                .addModule(valueTypes())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    private static SimpleModule valueTypes() {
        SimpleModule module = new SimpleModule("firedrill-value-types");
        // Sets in payloads keep their order (tags are shown as they were given).
        module.addAbstractTypeMapping(java.util.Set.class, java.util.LinkedHashSet.class);
        for (ValueType<?> valueType : ValueTypes.ALL) {
            asString(module, valueType);
        }
        return module;
    }

    private static <T> void asString(SimpleModule module, ValueType<T> valueType) {
        asString(module, valueType.type(), valueType.parse());
    }

    private static <T> void asString(SimpleModule module, Class<T> type, Function<String, T> parse) {
        module.addSerializer(type, ToStringSerializer.instance);
        module.addDeserializer(type, new FromStringDeserializer<T>(type) {
            @Override
            protected T _deserialize(String value, com.fasterxml.jackson.databind.DeserializationContext context) {
                return parse.apply(value);
            }
        });
    }
}

package io.firedrill.application.slice;

import io.firedrill.application.port.in.CommandMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.eventstreaming.Tag;

/**
 * One slice's table of what it stores: every event type's stored name and schema version, how its events are
 * tagged, the upcasters of older versions, the single-value types its payloads hold, and the names under which
 * its commands travel. Stored names are written out here once and never derived from class names, so a Java
 * record can be renamed or moved freely; renaming a stored name is caught by the frozen list
 * ({@code stored-event-types.txt}) unless an upcaster carries the old name over.
 *
 * @param <E> the slice's events
 */
public final class EventTypes<E> {

    /** One stored event type: its name and current schema version, and the record stored under it. */
    public record StoredType(String name, int version, Class<?> type) {

        public StoredType {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            if (version < 1) {
                throw new IllegalArgumentException("version of " + name + " must be at least 1");
            }
        }

        /** The Axon message type of this stored type at its current version. */
        public MessageType messageType() {
            return new MessageType(name, String.valueOf(version));
        }
    }

    /**
     * Turns the stored payload of an older name or version into the next one, as a JSON object tree (maps,
     * lists, strings, numbers, booleans, nulls).
     *
     * @param fromName the stored name the upcaster reads
     * @param fromVersion the stored version it reads
     * @param toName the name it writes (the same, or the type's new name)
     * @param toVersion the version it writes
     */
    public record Upcaster(String fromName, int fromVersion, String toName, int toVersion,
                           UnaryOperator<Map<String, Object>> payload) {

        public Upcaster {
            Objects.requireNonNull(fromName, "fromName");
            Objects.requireNonNull(toName, "toName");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** A domain type stored as one string: written with {@code toString()}, read with {@code parse}. */
    public record ValueType<T>(Class<T> type, Function<String, T> parse) {

        public ValueType {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(parse, "parse");
        }
    }

    /** The tags of one event, from the event and the metadata it is appended with. */
    @FunctionalInterface
    public interface Tagger<E> {
        Set<Tag> tags(E event, Map<String, String> metadata);
    }

    private final String prefix;
    private final Class<E> eventType;
    private final Map<String, StoredType> byName;
    private final Map<Class<?>, StoredType> byClass;
    private final List<Class<?>> commands;
    private final Tagger<E> tagger;
    private final List<Upcaster> upcasters;
    private final List<ValueType<?>> valueTypes;

    private EventTypes(Builder<E> builder) {
        this.prefix = builder.prefix;
        this.eventType = builder.eventType;
        this.byName = Map.copyOf(builder.byName);
        Map<Class<?>, StoredType> classes = new LinkedHashMap<>();
        for (StoredType stored : builder.byName.values()) {
            if (classes.put(stored.type(), stored) != null) {
                throw new IllegalStateException(stored.type().getName() + " is stored under two names");
            }
        }
        this.byClass = Map.copyOf(classes);
        this.commands = List.copyOf(builder.commands);
        this.tagger = Objects.requireNonNull(builder.tagger, "the tags of " + prefix + " events");
        this.upcasters = List.copyOf(builder.upcasters);
        this.valueTypes = List.copyOf(builder.valueTypes);
        if (eventType.isSealed()) {
            for (Class<?> permitted : eventType.getPermittedSubclasses()) {
                if (!byClass.containsKey(permitted)) {
                    throw new IllegalStateException(permitted.getName() + " has no stored name in the " + prefix
                            + " slice's event types");
                }
            }
        }
    }

    /**
     * Starts the table of a slice.
     *
     * @param prefix the prefix of its command names ({@code incident} gives {@code incident.AcknowledgeIncident})
     * @param eventType the (sealed) interface of its events: every permitted record must get a stored name
     */
    public static <E> Builder<E> of(String prefix, Class<E> eventType) {
        return new Builder<>(prefix, eventType);
    }

    /** The table of a slice that stores nothing (it only provides use cases). */
    public static EventTypes<Void> none(String prefix) {
        return of(prefix, Void.class).tags((event, metadata) -> Set.of()).build();
    }


    /** The interface of the slice's events. */
    public Class<E> eventType() {
        return eventType;
    }

    /** Every stored event type of the slice. */
    public List<StoredType> storedTypes() {
        return List.copyOf(byName.values());
    }

    /** The stored type of a name the slice stores today. */
    public Optional<StoredType> stored(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The stored type of an event class, if the slice stores it. */
    public Optional<StoredType> stored(Class<?> type) {
        return Optional.ofNullable(byClass.get(type));
    }

    /** The command classes the slice handles. */
    public List<Class<?>> commands() {
        return commands;
    }

    /** The name under which a command class travels (commands are never stored). */
    public MessageType commandType(Class<?> command) {
        return new MessageType(prefix + "." + command.getSimpleName(), "1");
    }

    /** The names of the given commands. */
    public List<QualifiedName> commandNames(List<Class<?>> commands) {
        return commands.stream().map(command -> commandType(command).qualifiedName()).toList();
    }

    /** The name of the slice's command result. */
    public MessageType resultType() {
        return new MessageType(prefix + ".CommandOutcome", "1");
    }

    /** The tags of a payload, if it is one of the slice's events. */
    public Optional<Set<Tag>> tags(Object payload, Map<String, String> metadata) {
        return eventType.isInstance(payload)
                ? Optional.of(tagger.tags(eventType.cast(payload), metadata))
                : Optional.empty();
    }

    /** The upcasters of older stored names and versions. */
    public List<Upcaster> upcasters() {
        return upcasters;
    }

    /** The single-value types the slice's payloads hold. */
    public List<ValueType<?>> valueTypes() {
        return valueTypes;
    }

    /** Builds a slice's table. */
    public static final class Builder<E> {

        private final String prefix;
        private final Class<E> eventType;
        private final Map<String, StoredType> byName = new LinkedHashMap<>();
        private final Set<Class<?>> commands = new LinkedHashSet<>();
        private final List<Upcaster> upcasters = new ArrayList<>();
        private final List<ValueType<?>> valueTypes = new ArrayList<>();
        private Tagger<E> tagger;

        private Builder(String prefix, Class<E> eventType) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            this.eventType = Objects.requireNonNull(eventType, "eventType");
        }

        /** An event record stored under {@code name} at schema {@code version}. */
        public Builder<E> event(String name, int version, Class<? extends E> type) {
            if (byName.putIfAbsent(name, new StoredType(name, version, type)) != null) {
                throw new IllegalStateException("stored name " + name + " is declared twice");
            }
            return this;
        }

        /** The commands of the slice: every permitted record of a sealed interface, or the classes given. */
        public Builder<E> commands(Class<?>... types) {
            for (Class<?> type : types) {
                if (type.isSealed()) {
                    commands.addAll(Arrays.asList(type.getPermittedSubclasses()));
                } else {
                    commands.add(type);
                }
            }
            return this;
        }

        /** How the slice's events are tagged. */
        public Builder<E> tags(Tagger<E> tagger) {
            this.tagger = tagger;
            return this;
        }

        /**
         * The usual tags: the subject's id under {@code key}, and the tenant of the metadata (required: an
         * untagged event could never be found again).
         */
        public Builder<E> subjectTags(String key, Function<E, Object> subject) {
            return tags((event, metadata) -> Set.of(Tag.of(key, subject.apply(event).toString()),
                    Tag.of(CommandMetadata.TENANT, tenantOf(key, subject.apply(event), metadata))));
        }

        /** Reads a stored payload of an older name or version as the next one. */
        public Builder<E> upcaster(String fromName, int fromVersion, String toName, int toVersion,
                                   UnaryOperator<Map<String, Object>> payload) {
            upcasters.add(new Upcaster(fromName, fromVersion, toName, toVersion, payload));
            return this;
        }

        /** A domain type stored as one string. */
        public <T> Builder<E> valueType(Class<T> type, Function<String, T> parse) {
            valueTypes.add(new ValueType<>(type, parse));
            return this;
        }

        public EventTypes<E> build() {
            return new EventTypes<>(this);
        }

        private static String tenantOf(String key, Object subject, Map<String, String> metadata) {
            String tenant = metadata.get(CommandMetadata.TENANT);
            if (tenant == null) {
                throw new IllegalStateException("event of " + key + " " + subject + " has no tenant in its metadata");
            }
            return tenant;
        }
    }
}

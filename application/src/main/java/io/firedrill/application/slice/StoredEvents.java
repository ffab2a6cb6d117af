package io.firedrill.application.slice;

import io.firedrill.application.slice.EventTypes.StoredType;
import io.firedrill.application.slice.EventTypes.Upcaster;
import io.firedrill.application.slice.EventTypes.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.conversion.Converter;
import org.axonframework.eventsourcing.eventstore.TagResolver;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.MessageTypeResolver;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventstreaming.Tag;

/**
 * The tables of every slice together: the one place that resolves a message class to its name, tags an event,
 * and reads a stored event back (through the upcasters when it was stored under an older name or version).
 */
public final class StoredEvents {

    private final List<EventTypes<?>> tables;
    private final Map<String, StoredType> current = new HashMap<>();
    private final Map<Class<?>, MessageType> types = new HashMap<>();
    private final Map<String, Upcaster> upcasters = new HashMap<>();

    public StoredEvents(List<EventTypes<?>> tables) {
        this.tables = List.copyOf(tables);
        for (EventTypes<?> table : tables) {
            for (StoredType stored : table.storedTypes()) {
                if (current.put(stored.name(), stored) != null) {
                    throw new IllegalStateException("stored name " + stored.name() + " is declared by two slices");
                }
                types.put(stored.type(), stored.messageType());
            }
            for (Class<?> command : table.commands()) {
                types.put(command, table.commandType(command));
            }
            for (Upcaster upcaster : table.upcasters()) {
                if (upcasters.put(key(upcaster.fromName(), upcaster.fromVersion()), upcaster) != null) {
                    throw new IllegalStateException("two upcasters read " + upcaster.fromName() + " v" + upcaster.fromVersion());
                }
            }
        }
        // Every upcaster must lead to a declared type (no circle, no dead end), and none may read what is declared today.
        for (Upcaster upcaster : upcasters.values()) {
            StoredType declared = current.get(upcaster.fromName());
            if (declared != null && declared.version() == upcaster.fromVersion()) {
                throw new IllegalStateException("an upcaster reads " + upcaster.fromName() + " v" + upcaster.fromVersion()
                        + ", which is declared today");
            }
            if (storedTypeOf(new MessageType(upcaster.fromName(), String.valueOf(upcaster.fromVersion()))).isEmpty()) {
                throw new IllegalStateException("the upcaster from " + upcaster.fromName() + " v" + upcaster.fromVersion()
                        + " leads to no declared type");
            }
        }
    }


    /** Every stored type declared today, by name. */
    public Map<String, StoredType> storedTypes() {
        return new LinkedHashMap<>(current);
    }


    /** The single-value types of every slice's payloads. */
    public List<ValueType<?>> valueTypes() {
        List<ValueType<?>> all = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        for (EventTypes<?> table : tables) {
            for (ValueType<?> valueType : table.valueTypes()) {
                if (seen.add(valueType.type())) {
                    all.add(valueType);
                }
            }
        }
        return all;
    }

    /**
     * The stored names under which {@code table}'s events may stand in the log: today's names and the older names
     * its upcasters read. A processor subscribes to all of them.
     */
    public Set<QualifiedName> namesOf(EventTypes<?> table) {
        Set<QualifiedName> names = new HashSet<>();
        for (StoredType stored : table.storedTypes()) {
            names.add(new QualifiedName(stored.name()));
        }
        for (Upcaster upcaster : upcasters.values()) {
            storedTypeOf(new MessageType(upcaster.fromName(), String.valueOf(upcaster.fromVersion())))
                    .filter(target -> table.stored(target.type()).isPresent())
                    .ifPresent(target -> names.add(new QualifiedName(upcaster.fromName())));
        }
        return Set.copyOf(names);
    }

    /** Resolves the names of every slice's commands and events; other classes are unknown. */
    public MessageTypeResolver typeResolver() {
        return type -> Optional.ofNullable(types.get(type));
    }

    /** The stored name of an event or command of any slice. */
    public MessageType typeOf(Object message) {
        MessageType type = types.get(message.getClass());
        if (type == null) {
            throw new IllegalArgumentException("no stored name for " + message.getClass().getName()
                    + ": declare it in its slice's EventTypes");
        }
        return type;
    }

    /**
     * Tags every slice's events (a slice's table always has a tagger, so none of its events is appended untagged);
     * an event of no slice gets no tags.
     */
    public TagResolver tagResolver() {
        return event -> {
            for (EventTypes<?> table : tables) {
                Optional<Set<Tag>> tags = table.tags(event.payload(), event.metadata());
                if (tags.isPresent()) {
                    return tags.get();
                }
            }
            return Set.of();
        };
    }

    /** The stored name and version a message was stored under, carried forward to today's by the upcasters. */
    public Optional<StoredType> storedTypeOf(MessageType stored) {
        String name = stored.name();
        int version = version(stored);
        for (int hops = 0; hops < 100; hops++) {
            StoredType now = current.get(name);
            if (now != null && now.version() == version) {
                return Optional.of(now);
            }
            Upcaster upcaster = upcasters.get(key(name, version));
            if (upcaster == null) {
                return Optional.empty();
            }
            name = upcaster.toName();
            version = upcaster.toVersion();
        }
        throw new IllegalStateException("the upcasters of " + stored + " go round in a circle");
    }

    /**
     * The event a stored or in-flight message carries, if it is one of {@code table}'s; a payload stored under
     * an older name or version passes through the upcasters first.
     */
    public <E> Optional<E> read(EventTypes<E> table, EventMessage message, Converter converter) {
        return read(message, converter).filter(table.eventType()::isInstance).map(table.eventType()::cast);
    }

    /**
     * The event a stored or in-flight message carries, of whichever slice; empty for a name no slice knows (another
     * component's message). A name a slice knows at a version nothing can read fails: it is never skipped.
     */
    public Optional<Object> read(EventMessage message, Converter converter) {
        MessageType stored = message.type();
        StoredType now = current.get(stored.name());
        if (now != null && String.valueOf(now.version()).equals(stored.version())) {
            Object payload = message.payload();
            return Optional.of(now.type().isInstance(payload) ? payload : message.payloadAs(now.type(), converter));
        }
        Optional<StoredType> target = storedTypeOf(stored);
        if (target.isEmpty()) {
            if (now != null || upcasters.keySet().stream().anyMatch(k -> k.startsWith(stored.name() + "#"))) {
                throw new UnreadableVersion("stored event " + message.identifier() + " is " + stored.name()
                        + " version " + stored.version() + ", which no upcaster carries to a declared type: this"
                        + " instance cannot read it (is a newer version writing to the log?)");
            }
            return Optional.empty();
        }
        return Optional.of(converter.convert(converter.convert(upcast(stored, message, converter), byte[].class),
                target.get().type()));
    }

    /**
     * A stored event as today's slices declare it: today's name and version, and the payload in today's schema.
     *
     * @param payloadJson the stored JSON itself when it was stored at today's version, else the upcasters' result
     */
    public record Current(String name, int version, byte[] payloadJson) {
    }

    /**
     * A stored payload carried to today's name and version (through the upcasters when it was stored under an older
     * one); empty for a name no slice knows. A name a slice knows at a version nothing can read fails, as in
     * {@link #read(EventMessage, Converter)}.
     */
    public Optional<Current> current(String name, String version, byte[] payloadJson, Converter converter) {
        MessageType stored = new MessageType(name, version);
        StoredType now = current.get(name);
        if (now != null && String.valueOf(now.version()).equals(version)) {
            return Optional.of(new Current(now.name(), now.version(), payloadJson));
        }
        Optional<StoredType> target = storedTypeOf(stored);
        if (target.isEmpty()) {
            if (now != null || upcasters.keySet().stream().anyMatch(k -> k.startsWith(name + "#"))) {
                throw new UnreadableVersion("a stored " + name + " is version " + version + ", which no upcaster"
                        + " carries to a declared type: this instance cannot read it (is a newer version writing to the"
                        + " log?)");
            }
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = converter.convert(payloadJson, Map.class);
        return Optional.of(new Current(target.get().name(), target.get().version(),
                converter.convert(upcast(stored, payload), byte[].class)));
    }

    /**
     * The stored names under which events of today's type {@code name} may stand in the log: the name itself and
     * every older name an upcaster carries to it.
     */
    public Set<String> storedNamesOf(String name) {
        Set<String> names = new HashSet<>();
        names.add(name);
        for (Upcaster upcaster : upcasters.values()) {
            storedTypeOf(new MessageType(upcaster.fromName(), String.valueOf(upcaster.fromVersion())))
                    .filter(target -> target.name().equals(name))
                    .ifPresent(target -> names.add(upcaster.fromName()));
        }
        return Set.copyOf(names);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> upcast(MessageType stored, EventMessage message, Converter converter) {
        return upcast(stored, converter.convert(message.payload(), Map.class));
    }

    private Map<String, Object> upcast(MessageType stored, Map<String, Object> storedPayload) {
        Map<String, Object> payload = storedPayload;
        String name = stored.name();
        int version = version(stored);
        StoredType now = current.get(name);
        while (now == null || now.version() != version) {
            Upcaster upcaster = upcasters.get(key(name, version));
            payload = upcaster.payload().apply(payload);
            name = upcaster.toName();
            version = upcaster.toVersion();
            now = current.get(name);
        }
        return payload;
    }

    private static int version(MessageType type) {
        try {
            return type.version() == null ? 1 : Integer.parseInt(type.version());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String key(String name, int version) {
        return name + "#" + version;
    }

    /**
     * A stored event of a known name at a version this instance cannot read: most likely written by a newer
     * version during a rolling upgrade, so it is readable once this instance is upgraded. Event processors retry
     * it rather than park it.
     */
    public static final class UnreadableVersion extends IllegalStateException {

        @java.io.Serial
        private static final long serialVersionUID = 1L;

        public UnreadableVersion(String message) {
            super(message);
        }
    }
}

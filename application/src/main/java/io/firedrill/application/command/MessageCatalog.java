package io.firedrill.application.command;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.MessageTypeResolver;
import org.axonframework.messaging.core.QualifiedName;

/**
 * The explicit names under which one slice's messages travel and are stored: commands as
 * {@code <prefix>.<SimpleName>}, events under the names the domain gives them, and the command result.
 * Never derived from where a class lives, so moving a class cannot rename stored history.
 */
public final class MessageCatalog {

    private final Map<Class<?>, MessageType> types = new HashMap<>();
    private final List<QualifiedName> commandNames;
    private final Set<QualifiedName> eventNames;
    private final MessageType result;

    /**
     * @param prefix the slice's name prefix ({@code incident})
     * @param version the schema version of every name
     * @param commands the sealed interface of the slice's commands
     * @param eventNames the stored names of the slice's events
     * @param eventType the event class stored under a name
     */
    public MessageCatalog(String prefix, int version, Class<?> commands, List<String> eventNames,
                          Function<String, Optional<? extends Class<?>>> eventType) {
        String v = String.valueOf(version);
        for (Class<?> command : commands.getPermittedSubclasses()) {
            types.put(command, new MessageType(prefix + "." + command.getSimpleName(), v));
        }
        for (String name : eventNames) {
            types.put(eventType.apply(name).orElseThrow(), new MessageType(name, v));
        }
        this.commandNames = Arrays.stream(commands.getPermittedSubclasses())
                .map(type -> types.get(type).qualifiedName()).toList();
        this.eventNames = eventNames.stream().map(QualifiedName::new).collect(Collectors.toUnmodifiableSet());
        this.result = new MessageType(prefix + ".CommandOutcome", v);
    }

    /** Resolves the names of the slice's commands and events; other classes are unknown. */
    public MessageTypeResolver resolver() {
        return type -> Optional.ofNullable(types.get(type));
    }

    /** The stored name of one of the slice's messages. */
    public MessageType typeOf(Object message) {
        MessageType type = types.get(message.getClass());
        if (type == null) {
            throw new IllegalArgumentException("no stored name for " + message.getClass().getName());
        }
        return type;
    }

    /** The names of every command, which the command handler subscribes to. */
    public List<QualifiedName> commandNames() {
        return commandNames;
    }

    /** The names of every event. */
    public Set<QualifiedName> eventNames() {
        return eventNames;
    }

    /** The name of the command result. */
    public MessageType result() {
        return result;
    }
}

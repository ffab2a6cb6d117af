package io.firedrill.application.slice;


import java.util.List;
import java.util.Objects;

/**
 * One concept of Firedrill (incidents, action items, postmortems, metric settings, alert intake), declared once
 * in its own package: what it stores ({@link #events()}), how its commands are decided ({@link #commands()}),
 * and, once Axon runs, its use cases and event processors ({@link #wire(SliceWiring)}).
 *
 * <p>A slice registers itself: its class is named in {@code META-INF/services/io.firedrill.application.slice.Slice}
 * of its module and found by {@link java.util.ServiceLoader}; the core configuration and the runtime iterate over
 * {@link Slices} and name no concept. A slice needs a public no-argument constructor; everything else it needs
 * (outbound ports, settings, other slices' use cases) it asks {@link SliceWiring} for.
 */
public interface Slice {

    /** The slice's name, e.g. {@code incident}: unique, used in logs and messages. */
    String name();

    /** The slice's table of stored event names, versions, tags and command names; {@link EventTypes#none} if it stores nothing. */
    EventTypes<?> events();

    /** The command handlers of the slice: each subscribes one decider to some of the slice's commands. */
    default List<CommandModule> commands() {
        return List.of();
    }

    /**
     * Provides the slice's use cases (inbound ports) and event processors. Called once Axon's configuration is
     * built; lookups made through {@code wiring} are lazy, so slices may use each other's ports in any order.
     */
    void wire(SliceWiring wiring);

    /**
     * Commands decided by one {@link SourcedModel}, handled under one Axon module name.
     *
     * @param name the module's name, e.g. {@code incident-commands}
     * @param commands the command classes it handles
     */
    record CommandModule(String name, List<Class<?>> commands, SourcedModel<?, ?, ?> model) {

        public CommandModule {
            Objects.requireNonNull(name, "name");
            commands = List.copyOf(commands);
            Objects.requireNonNull(model, "model");
        }
    }
}

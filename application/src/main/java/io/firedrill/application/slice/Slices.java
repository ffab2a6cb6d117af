package io.firedrill.application.slice;

import io.firedrill.application.port.in.UseCases;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.common.configuration.ComponentRegistry;
import org.axonframework.common.configuration.Configuration;
import org.axonframework.common.configuration.ModuleBuilder;
import org.axonframework.conversion.Converter;
import org.axonframework.eventsourcing.configuration.EventSourcingConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.commandhandling.configuration.CommandHandlingModule;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.core.unitofwork.UnitOfWorkFactory;

/**
 * Every slice of the application, and the one place that turns them into Axon's configuration (names, tags,
 * command handlers) and, once it runs, into use cases and event processors. Names no concept.
 */
public final class Slices {

    private final List<Slice> slices;
    private final StoredEvents storedEvents;
    /** Each command module's model and its folds (its cache of subject states), once {@link #configurer} made them. */
    private final Map<SourcedModel<?, ?, ?>, SubjectFolds<?, ?>> folds = new ConcurrentHashMap<>();

    public Slices(List<Slice> slices) {
        Map<String, Slice> byName = new LinkedHashMap<>();
        for (Slice slice : slices) {
            if (byName.put(slice.name(), slice) != null) {
                throw new IllegalStateException("two slices are named " + slice.name());
            }
        }
        this.slices = List.copyOf(byName.values());
        this.storedEvents = new StoredEvents(this.slices.stream().<EventTypes<?>>map(Slice::events).toList());
    }

    /** The slices registered on the class path ({@code META-INF/services/io.firedrill.application.slice.Slice}). */
    public static Slices load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<Slice> found = new ArrayList<>();
        ServiceLoader.load(Slice.class, loader == null ? Slice.class.getClassLoader() : loader).forEach(found::add);
        if (found.isEmpty()) {
            throw new IllegalStateException("no slice is registered: META-INF/services/" + Slice.class.getName()
                    + " is missing from the class path");
        }
        return new Slices(found);
    }

    /** The slices, in registration order. */
    public List<Slice> all() {
        return slices;
    }

    /** Every slice's stored types together. */
    public StoredEvents storedEvents() {
        return storedEvents;
    }

    /**
     * A configurer holding every slice's names, tags and command handlers, ready for the host to add
     * infrastructure (event storage, token store, converter), build and start. Nothing is discovered by Axon:
     * its enhancer scanning is off, so what runs is exactly what the slices declare and the host adds.
     */
    public EventSourcingConfigurer configurer(CommandSettings settings) {
        EventSourcingConfigurer configurer = EventSourcingConfigurer.create()
                .componentRegistry(ComponentRegistry::disableEnhancerScanning)
                .registerTagResolver(configuration -> storedEvents.tagResolver())
                .messaging(messaging -> messaging.registerMessageTypeResolver(configuration -> storedEvents.typeResolver()));
        SubjectStates.Shared shared = new SubjectStates.Shared();
        folds.clear();
        for (Slice slice : slices) {
            for (Slice.CommandModule module : slice.commands()) {
                configurer = configurer.registerCommandHandlingModule(module(module.name(),
                        slice.events().commandNames(module.commands()), module.model(), settings, shared));
            }
        }
        return configurer;
    }

    /** The command module of {@code model}, whose folds (and cache of subject states) the concept's reads share. */
    private <C, E, S> ModuleBuilder<CommandHandlingModule> module(String name, List<QualifiedName> commands,
                                                                  SourcedModel<C, E, S> model, CommandSettings settings,
                                                                  SubjectStates.Shared shared) {
        SubjectFolds<E, S> made = new SubjectFolds<>(model, storedEvents,
                new SubjectStates<>(settings, model::weight, shared), shared, settings.folds());
        folds.put(model, made);
        return SourcedCommandHandler.module(name, commands, model, storedEvents, settings.clock(), made);
    }

    /**
     * Wires every slice into a running configuration.
     *
     * @param configuration Axon's built configuration
     * @param host what the slices may {@linkplain SliceWiring#require require} (outbound ports, settings)
     * @param continuation where projection handlers continue, never an event loop thread
     */
    public Wired wire(Configuration configuration, Clock clock, Function<Class<?>, Object> host, Executor continuation) {
        Wired wired = new Wired(configuration, clock, host, continuation);
        for (Slice slice : slices) {
            slice.wire(wired);
        }
        wired.buildPorts();
        return wired;
    }

    /** The slices wired into a running configuration: their use cases by port type, and their processors. */
    public final class Wired implements SliceWiring, UseCases {

        private final Configuration configuration;
        private final Clock clock;
        private final Function<Class<?>, Object> host;
        private final Executor continuation;
        private final Map<Class<?>, Supplier<?>> providers = new ConcurrentHashMap<>();
        private final Map<Class<?>, Object> ports = new ConcurrentHashMap<>();
        private final Set<Class<?>> building = new LinkedHashSet<>();
        private final List<Processor> processors = new ArrayList<>();

        private Wired(Configuration configuration, Clock clock, Function<Class<?>, Object> host, Executor continuation) {
            this.configuration = configuration;
            this.clock = clock;
            this.host = host;
            this.continuation = continuation;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S> SubjectReader<S> subjects(SourcedModel<?, ?, S> model) {
            SubjectFolds<?, S> made = (SubjectFolds<?, S>) folds.get(model);
            if (made == null) {
                throw new IllegalStateException("no command module has the model of " + model.subject()
                        + " (or the configurer was not made by these slices)");
            }
            return new SubjectReader<>(made, eventStore(), unitsOfWork(), converter());
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public EventStore eventStore() {
            return configuration.getComponent(EventStore.class);
        }

        @Override
        public UnitOfWorkFactory unitsOfWork() {
            return configuration.getComponent(UnitOfWorkFactory.class);
        }

        @Override
        public Converter converter() {
            return configuration.getComponent(Converter.class);
        }

        @Override
        public CommandGateway commandGateway() {
            return configuration.getComponent(CommandGateway.class);
        }

        @Override
        public StoredEvents storedEvents() {
            return storedEvents;
        }

        @Override
        public Executor continuation() {
            return continuation;
        }

        @Override
        public <T> T require(Class<T> type) {
            Object found = host.apply(type);
            if (found == null) {
                throw new IllegalStateException("the host provides no " + type.getName());
            }
            return type.cast(found);
        }

        @Override
        public <T> T port(Class<T> type) {
            Object port = ports.get(type);
            if (port != null) {
                return type.cast(port);
            }
            synchronized (this) {
                port = ports.get(type);
                if (port == null) {
                    Supplier<?> provider = providers.get(type);
                    if (provider == null) {
                        throw new IllegalStateException("no slice provides " + type.getName());
                    }
                    if (!building.add(type)) {
                        throw new IllegalStateException("the use cases " + building + " need each other to be built");
                    }
                    try {
                        port = provider.get();
                    } finally {
                        building.remove(type);
                    }
                    ports.put(type, port);
                }
                return type.cast(port);
            }
        }

        /** Builds every provided use case now, at start-up, rather than on first use (on a request's thread). */
        private void buildPorts() {
            providers.keySet().forEach(this::port);
        }

        @Override
        public <T> void provide(Class<T> port, Supplier<? extends T> implementation) {
            if (providers.putIfAbsent(port, implementation) != null) {
                throw new IllegalStateException("two slices provide " + port.getName());
            }
        }

        @Override
        public synchronized void processor(Processor processor) {
            if (processors.stream().anyMatch(existing -> existing.name().equals(processor.name()))) {
                throw new IllegalStateException("two processors are named " + processor.name());
            }
            processors.add(processor);
        }

        @Override
        public <T> T get(Class<T> type) {
            return port(type);
        }

        /** The processors of every slice, in registration order. */
        public synchronized List<Processor> processors() {
            return List.copyOf(processors);
        }
    }
}

package io.firedrill.application.slice;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.axonframework.messaging.eventhandling.EventHandlingComponent;

/**
 * An event processor a slice runs: its stored name (its tokens are kept under it), its event handling, and,
 * for a read model, how to empty the model before a rebuild (an automation that sends commands has none: it is
 * never rebuilt).
 *
 * @param name the processor's name, e.g. {@code incident-list}
 * @param component builds the event handling component (once, when the runtime starts)
 * @param clear empties the read model, for a rebuild; {@code null} for an automation
 */
public record Processor(String name, Supplier<EventHandlingComponent> component,
                       Supplier<CompletableFuture<Void>> clear) {

    public Processor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(component, "component");
    }

    /** A read model projection, rebuilt by clearing the model and replaying the log. */
    public static Processor readModel(String name, Supplier<EventHandlingComponent> component,
                                      Supplier<CompletableFuture<Void>> clear) {
        return new Processor(name, component, Objects.requireNonNull(clear, "clear"));
    }

    /** An automation (it sends commands): never rebuilt. */
    public static Processor automation(String name, Supplier<EventHandlingComponent> component) {
        return new Processor(name, component, null);
    }

    /** How to empty the read model, if the processor is one. */
    public Optional<Supplier<CompletableFuture<Void>>> rebuildable() {
        return Optional.ofNullable(clear);
    }
}

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
 * @param batched how a read model of one row per subject advances by batches; {@code null} when it advances one
 *     event at a time through {@code component} (which every processor keeps: batches fall back to it, event by
 *     event, to park what cannot be applied)
 */
public record Processor(String name, Supplier<EventHandlingComponent> component,
                       Supplier<CompletableFuture<Void>> clear, Supplier<RowProjection<?, ?>> batched,
                       boolean fromHead) {

    public Processor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(component, "component");
    }

    public Processor(String name, Supplier<EventHandlingComponent> component, Supplier<CompletableFuture<Void>> clear,
                     Supplier<RowProjection<?, ?>> batched) {
        this(name, component, clear, batched, false);
    }

    /** A read model projection, rebuilt by clearing the model and replaying the log. */
    public static Processor readModel(String name, Supplier<EventHandlingComponent> component,
                                      Supplier<CompletableFuture<Void>> clear) {
        return new Processor(name, component, Objects.requireNonNull(clear, "clear"), null);
    }

    /**
     * A read model of one row per subject that advances by batches ({@code batched}), rebuilt by clearing the model
     * and replaying the log; {@code component} applies single events (what a batch cannot apply, parked events).
     */
    public static Processor readModel(String name, Supplier<EventHandlingComponent> component,
                                      Supplier<CompletableFuture<Void>> clear, Supplier<RowProjection<?, ?>> batched) {
        return new Processor(name, component, Objects.requireNonNull(clear, "clear"),
                Objects.requireNonNull(batched, "batched"));
    }

    /** An automation (it sends commands): never rebuilt. */
    public static Processor automation(String name, Supplier<EventHandlingComponent> component) {
        return new Processor(name, component, null, null);
    }

    /**
     * An automation that acts on what happens from now on only: when it first starts (no stored position), it starts at
     * the head of the log rather than replaying the past (a notifier must not announce last year's incidents).
     */
    public static Processor fromNowOn(String name, Supplier<EventHandlingComponent> component) {
        return new Processor(name, component, null, null, true);
    }

    /** How the read model advances by batches, if it does. */
    public Optional<Supplier<RowProjection<?, ?>>> batches() {
        return Optional.ofNullable(batched);
    }

    /** How to empty the read model, if the processor is one. */
    public Optional<Supplier<CompletableFuture<Void>>> rebuildable() {
        return Optional.ofNullable(clear);
    }
}

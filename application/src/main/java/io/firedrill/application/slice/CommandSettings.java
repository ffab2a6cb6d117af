package io.firedrill.application.slice;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.ToIntFunction;

/**
 * How commands are handled.
 *
 * @param clock what "now" is for decisions
 * @param cachedEvents how many events the cached subject states of one concept may hold together
 *     ({@link SubjectStates}); 0 caches nothing
 * @param folds where sourced events are converted and folded and commands decided: never an event loop
 * @param caches makes the bounded maps the cached states are kept in
 */
public record CommandSettings(Clock clock, long cachedEvents, Executor folds, BoundedMaps caches) {

    /** The default of {@code cachedEvents}. */
    public static final long DEFAULT_CACHED_EVENTS = 200_000;

    public CommandSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(folds, "folds");
        Objects.requireNonNull(caches, "caches");
        if (cachedEvents < 0) {
            throw new IllegalArgumentException("cachedEvents must not be negative: " + cachedEvents);
        }
    }

    /** Makes maps that evict entries once the weights of their values add up to more than a maximum. */
    public interface BoundedMaps {
        /** A new map bounded by {@code maximumWeight}, each value weighing what {@code weigher} says (at least 1). */
        <K, V> ConcurrentMap<K, V> bounded(long maximumWeight, ToIntFunction<V> weigher);
    }
}

package io.firedrill.bootstrap.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.firedrill.application.slice.CommandSettings;
import java.util.concurrent.ConcurrentMap;
import java.util.function.ToIntFunction;

/** Bounded maps as Caffeine keeps them: evicted by weight, by frequency and recency of use. */
public final class CaffeineMaps implements CommandSettings.BoundedMaps {

    @Override
    public <K, V> ConcurrentMap<K, V> bounded(long maximumWeight, ToIntFunction<V> weigher) {
        return Caffeine.newBuilder().maximumWeight(maximumWeight)
                .<K, V>weigher((key, value) -> weigher.applyAsInt(value)).build().asMap();
    }
}

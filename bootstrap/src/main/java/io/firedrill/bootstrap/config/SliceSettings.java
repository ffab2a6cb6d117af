package io.firedrill.bootstrap.config;

import io.firedrill.application.metrics.RecurrenceWindow;
import io.firedrill.application.requests.IdempotencyLease;
import io.firedrill.domain.postmortem.BlamelessWords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The slices' settings as values they can {@code require}: the blameless check's words
 * ({@code firedrill.postmortems.blameless-words}), the recurrence window ({@code firedrill.metrics.recurrence-window})
 * and the idempotency lease ({@code firedrill.idempotency.lease}, renewed while a request runs).
 */
@ApplicationScoped
public class SliceSettings {

    @Produces
    @Singleton
    BlamelessWords blamelessWords(
            @ConfigProperty(name = "firedrill.postmortems.blameless-words") Optional<List<String>> words) {
        return words.filter(list -> !list.isEmpty()).map(BlamelessWords::of).orElseGet(BlamelessWords::defaults);
    }

    @Produces
    @Singleton
    RecurrenceWindow recurrenceWindow(@ConfigProperty(name = "firedrill.metrics.recurrence-window") Duration window) {
        return new RecurrenceWindow(window);
    }

    @Produces
    @Singleton
    IdempotencyLease idempotencyLease(
            @ConfigProperty(name = "firedrill.idempotency.lease", defaultValue = "PT10S") Duration lease) {
        return new IdempotencyLease(lease);
    }
}

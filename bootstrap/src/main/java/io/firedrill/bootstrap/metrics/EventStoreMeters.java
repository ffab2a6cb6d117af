package io.firedrill.bootstrap.metrics;

import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * This instance's event-log writer at {@code /q/metrics}: {@code firedrill_event_store_conditions_checked_total} by
 * {@code by} ({@code writer}: decided from what the writer appended itself and written as one plain insert;
 * {@code database}: checked by {@code event_store_append}, as when other instances append at the same time).
 */
@ApplicationScoped
public class EventStoreMeters {

    private final PgEventLog log;
    private final MeterRegistry registry;

    @Inject
    public EventStoreMeters(PgEventLog log, MeterRegistry registry) {
        this.log = log;
        this.registry = registry;
    }

    void register(@Observes StartupEvent ignored) {
        FunctionCounter.builder("firedrill.event.store.conditions.checked", log, PgEventLog::conditionsCheckedByWriter)
                .tag("by", "writer")
                .description("Conditional appends whose conditions this instance's writer decided itself")
                .register(registry);
        FunctionCounter.builder("firedrill.event.store.conditions.checked", log, PgEventLog::conditionsCheckedByDatabase)
                .tag("by", "database")
                .description("Conditional appends whose conditions the database checked against the stored events")
                .register(registry);
    }
}

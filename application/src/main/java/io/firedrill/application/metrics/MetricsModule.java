package io.firedrill.application.metrics;

import io.firedrill.application.command.SourcedCommandHandler;
import java.time.Clock;
import org.axonframework.eventsourcing.configuration.EventSourcingConfigurer;

/** Registers the metric settings with Axon: the handler of a tenant's definition choices (names and tags: {@code FiredrillCore}). */
public final class MetricsModule {

    private MetricsModule() {
    }

    public static EventSourcingConfigurer register(EventSourcingConfigurer configurer, Clock clock) {
        return configurer.registerCommandHandlingModule(SourcedCommandHandler.module("metric-settings",
                MetricSettingsModel.commandNames(), new MetricSettingsModel(), clock));
    }
}

package io.firedrill.application.metrics;

import io.firedrill.application.command.CommandSender;
import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.metrics.MetricFigures.BucketSize;
import io.firedrill.application.port.in.metrics.Metrics;
import io.firedrill.application.port.out.IncidentMetrics.Query;
import io.firedrill.application.port.out.DrillRunFigures;
import io.firedrill.application.port.out.IncidentMetrics;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.application.slice.StoredEvents;
import io.firedrill.application.slice.SubjectLog;
import io.firedrill.domain.incident.ResponseTargets;
import io.firedrill.domain.metrics.DurationMetric.Definition;
import io.firedrill.domain.metrics.DurationMetric;
import io.firedrill.domain.metrics.MetricSettings;
import io.firedrill.domain.shared.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.conversion.Converter;

/**
 * The metrics use cases: the figures of a period and their trend, each computed with a named version of its
 * definition (the request's, else the tenant's recorded choice, else the default). Every version stays computable: the read model keeps the raw instants, so asking for another
 * version recomputes all history from the same facts.
 */
public final class MetricsService implements Metrics {

    /** How many recurrences a summary lists. */
    static final int RECURRENCES_LISTED = 100;

    private final IncidentMetrics views;
    private final ResponseTargets targets;
    private final DrillRunFigures drillRuns;
    private final Clock clock;
    private final Duration recurrenceWindow;
    private final CommandSender sender;
    private final SubjectLog log;
    private final StoredEvents storedEvents;
    private final Converter converter;

    public MetricsService(IncidentMetrics views, DrillRunFigures drillRuns, ResponseTargets targets,
                          RecurrenceWindow recurrenceWindow, SliceWiring wiring) {
        this.views = views;
        this.drillRuns = drillRuns;
        this.sender = new CommandSender(wiring.commandGateway(), "metric settings");
        this.log = new SubjectLog(wiring.eventStore(), wiring.unitsOfWork());
        this.storedEvents = wiring.storedEvents();
        this.converter = wiring.converter();
        this.targets = targets;
        this.clock = wiring.clock();
        this.recurrenceWindow = recurrenceWindow.value();
    }

    @Override
    public CompletableFuture<Figures> summary(Request request) {
        return query(request).thenCompose(query -> views.summary(query)
                .thenCombine(drillRuns.figures(request.tenant(), request.from(), request.to(), request.service()),
                        (summary, drills) -> new Figures(query.definitions(), recurrenceWindow, summary, drills)));
    }

    @Override
    public CompletableFuture<Trend> trend(Request request, BucketSize size) {
        return query(request).thenCompose(query -> views.trend(query, size)
                .thenApply(rows -> new Trend(query.definitions(), rows)));
    }

    @Override
    public CompletableFuture<MetricSettings> settings(TenantId tenant) {
        return log.read(MetricsSlice.criteria(tenant)).thenApply(messages -> {
            MetricSettings settings = MetricSettings.DEFAULTS;
            for (var message : messages) {
                var chosen = storedEvents.read(MetricsSlice.EVENTS, message, converter);
                if (chosen.isPresent()) {
                    settings = MetricSettings.evolve(settings, chosen.get());
                }
            }
            return settings;
        });
    }

    @Override
    public CompletableFuture<CommandOutcome<MetricSettings>> choose(CommandContext context, DurationMetric metric,
                                                                   int version) {
        return sender.send(new MetricSettings.ChooseDefinition(context.tenant(), context.actor(), metric, version),
                context);
    }

    /** The definitions of a request: the versions it names, else the tenant's choice, else the defaults. */
    private CompletableFuture<Query> query(Request request) {
        return settings(request.tenant()).thenApply(settings -> {
            Map<DurationMetric, Definition> definitions = new EnumMap<>(DurationMetric.class);
            for (DurationMetric metric : DurationMetric.values()) {
                Integer version = request.versions().get(metric);
                definitions.put(metric, version == null ? settings.definition(metric) : metric.definition(version)
                        .orElseThrow(() -> new IllegalArgumentException(metric.key() + "Version must be one of "
                                + metric.definitions().stream().map(Definition::version).toList())));
            }
            return new Query(request.tenant(), request.from(), request.to(), request.service(), request.severity(),
                    definitions, recurrenceWindow, targets, clock.instant(), RECURRENCES_LISTED);
        });
    }
}

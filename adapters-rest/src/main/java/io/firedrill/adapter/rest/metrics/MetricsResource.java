package io.firedrill.adapter.rest.metrics;

import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.adapter.rest.support.Idempotency;
import io.firedrill.adapter.rest.support.Params;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.metrics.MetricFigures.BucketSize;
import io.firedrill.application.port.in.metrics.MetricFigures;
import io.firedrill.application.port.in.metrics.Metrics;
import io.firedrill.domain.metrics.DurationMetric.Definition;
import io.firedrill.domain.metrics.DurationMetric;
import io.firedrill.domain.shared.Severity;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Reliability metrics over HTTP, computed from the metrics read model with published, versioned definitions
 * ({@code docs/metrics.md}): {@code /summary} of a period, {@code /trend} by week or month, {@code /definitions}.
 */
@Path("/api/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    /** The most buckets a trend may have. */
    static final int MAX_BUCKETS = 520;

    static final String RECURRENCE = "share of incidents detected in the period (not drills, not duplicates) whose"
            + " alerts share a grouping key with an earlier incident detected within the window before them";
    static final String DRILL_PASS_RATE = "passed drill runs / drill runs that ended in the period (passed, failed or"
            + " aborted), by when they ended";
    static final String ACTION_ITEMS = "action items created in the period: completionRate = completed / (total −"
            + " cancelled); overdue = open and past the due date today (UTC); medianDaysToComplete over completed items";
    static final String RESPONSE_TARGETS = "incidents detected in the period (not drills, not duplicates): met when"
            + " the milestone was reached within the target of the incident's severity after detection; missed when"
            + " reached later, or not reached and the target has passed; pending otherwise; share = met / (met + missed)";

    private final Metrics metrics;
    private final Idempotency idempotency;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @Inject
    public MetricsResource(UseCases useCases, Idempotency idempotency) {
        this.metrics = useCases.get(Metrics.class);
        this.idempotency = idempotency;
    }

    /** One figure of a duration metric, with the definition it was computed with. */
    public record DurationFigure(String definition, int definitionVersion, long count, Double meanSeconds,
                                 Double medianSeconds, Double p90Seconds) {

        static DurationFigure of(Definition definition, MetricFigures.Figures figures) {
            return new DurationFigure(definition.formula(), definition.version(), figures.count(),
                    figures.meanSeconds(), figures.medianSeconds(), figures.p90Seconds());
        }
    }

    /** The recurrence rate: {@code recurring / incidents}, {@code null} without incidents. */
    public record RecurrenceFigure(String definition, int definitionVersion, long windowDays, long incidents,
                                   long recurring, Double rate, List<Recurrence> recurrences) {
    }

    /** An incident that repeats an earlier one. */
    public record Recurrence(String incidentId, String number, Instant detectedAt, String repeatsIncidentId,
                             String repeatsNumber, Instant repeatsDetectedAt, List<String> sharedGroupingKeys) {
    }

    public record ActionItemFigure(String definition, int definitionVersion, long total, long completed, long cancelled,
                                   Double completionRate, long overdue, Double medianDaysToComplete) {
    }

    /** @param share {@code met / (met + missed)}, {@code null} when both are 0 */
    public record TargetFigure(long met, long missed, long pending, Double share) {

        static TargetFigure of(long met, long missed, long pending) {
            return new TargetFigure(met, missed, pending, met + missed == 0 ? null : (double) met / (met + missed));
        }
    }

    public record TargetsFigure(String definition, int definitionVersion, TargetFigure acknowledge, TargetFigure resolve) {
    }

    /**
     * The four duration figures of drill incidents, reported apart from production, and the drill runs that ended in
     * the period.
     */
    public record DrillFigures(DurationFigure timeToAcknowledge, DurationFigure timeToMitigate,
                              DurationFigure timeToResolve, DurationFigure timeToReview, DrillRunsFigure runs) {
    }

    /**
     * The drill runs that ended in the period (severity does not filter them).
     *
     * @param passRate {@code passed / runs}, {@code null} when no run ended
     * @param medianScore the median total of their first scores, {@code null} when none was scored
     * @param reviewedWithin7Days runs reviewed within 7 days of their end; {@code reviewShare} is that over {@code runs}
     * @param findingsWithActionItems findings turned into action items (the others were waived)
     */
    public record DrillRunsFigure(String definition, int definitionVersion, long runs, long passed, long failed,
                                  long aborted, Double passRate, Double medianScore, long reviewed, long reviewedWithin7Days,
                                  Double reviewShare, long findings, long findingsWithActionItems) {
    }

    /** The summary of a period; {@code drillPassRate} is {@code passed / finished} drill runs, {@code null} when none ended. */
    public record Summary(Instant from, Instant to, String service, Severity severity, DurationFigure timeToAcknowledge,
                          DurationFigure timeToMitigate, DurationFigure timeToResolve, DurationFigure timeToReview,
                          RecurrenceFigure recurrenceRate, Double drillPassRate, ActionItemFigure actionItems,
                          TargetsFigure responseTargets, DrillFigures drills) {
    }

    /** One bucket of a trend. */
    public record TrendRow(LocalDate start, LocalDate end, long incidents, DurationFigure timeToAcknowledge,
                           DurationFigure timeToMitigate, DurationFigure timeToResolve, DurationFigure timeToReview) {
    }

    public record Trend(String bucket, Instant from, Instant to, String service, Severity severity, List<TrendRow> rows) {
    }

    /**
     * One published definition.
     *
     * @param defaultVersion whether it is the metric's default
     * @param inUse whether the caller's tenant computes its figures with it (its choice, else the default)
     */
    public record DefinitionEntry(String metric, int version, String definition, boolean defaultVersion, boolean inUse) {
    }

    /** The body of a definition choice. */
    public record Choice(Integer version) {
    }

    @GET
    @Path("definitions")
    public CompletionStage<List<DefinitionEntry>> definitions() {
        return definitions(Caller.of(headers));
    }

    /**
     * The definitions and which ones the caller's tenant uses. Takes the caller rather than reading the request's
     * headers: it also runs after a command, on whatever thread completed the command, outside the request's context.
     */
    private CompletionStage<List<DefinitionEntry>> definitions(Caller caller) {
        return metrics.settings(caller.tenant()).thenApply(settings -> {
            List<DefinitionEntry> entries = new ArrayList<>();
            for (DurationMetric metric : DurationMetric.values()) {
                for (Definition definition : metric.definitions()) {
                    entries.add(new DefinitionEntry(metric.key(), definition.version(), definition.formula(),
                            definition.equals(metric.defaultDefinition()), definition.equals(settings.definition(metric))));
                }
            }
            entries.add(new DefinitionEntry("recurrenceRate", 1, RECURRENCE, true, true));
            entries.add(new DefinitionEntry("drillPassRate", 1, DRILL_PASS_RATE, true, true));
            entries.add(new DefinitionEntry("actionItems", 1, ACTION_ITEMS, true, true));
            entries.add(new DefinitionEntry("responseTargets", 1, RESPONSE_TARGETS, true, true));
            return entries;
        });
    }

    /**
     * Makes a version of a duration metric's definition the tenant's: its figures use it unless a request names
     * another. The choice is recorded as a fact; every version stays queryable.
     */
    @PUT
    @Path("definitions/{metric}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> choose(@PathParam("metric") String key, Choice body) {
        Caller caller = Caller.of(headers);
        DurationMetric metric = DurationMetric.ofKey(key).orElseThrow(() -> new NotFoundException(
                "No duration metric " + key + "; the metrics are timeToAcknowledge, timeToMitigate, timeToResolve,"
                        + " timeToReview."));
        if (body == null || body.version() == null) {
            throw new BadRequest("version", "is required (a definition version such as 2)");
        }
        return idempotency.run(caller, "PUT", uri.getRequestUri(), body, requestHash -> metrics
                .choose(caller.commandContext(requestHash), metric, body.version())
                .thenCompose(outcome -> definitions(caller).thenApply(entries -> Response.ok(entries)
                        .header("X-Firedrill-Events-Appended", outcome.appended()).build())));
    }

    @GET
    @Path("summary")
    public CompletionStage<Summary> summary(@QueryParam("from") String from, @QueryParam("to") String to,
                                            @QueryParam("service") String service,
                                            @QueryParam("severity") String severity,
                                            @QueryParam("timeToAcknowledgeVersion") String ackVersion,
                                            @QueryParam("timeToMitigateVersion") String mitigateVersion,
                                            @QueryParam("timeToResolveVersion") String resolveVersion,
                                            @QueryParam("timeToReviewVersion") String reviewVersion) {
        Metrics.Request request = request(from, to, service, severity,
                versions(ackVersion, mitigateVersion, resolveVersion, reviewVersion));
        return metrics.summary(request).thenApply(figures -> {
            MetricFigures.Summary s = figures.summary();
            Map<DurationMetric, Definition> d = figures.definitions();
            MetricFigures.Recurrences r = s.recurrences();
            MetricFigures.ActionItemFigures items = s.actionItems();
            MetricFigures.TargetFigures t = s.targets();
            MetricFigures.DrillRuns drills = figures.drillRuns();
            long counted = items.total() - items.cancelled();
            return new Summary(request.from(), request.to(), request.service(), request.severity(),
                    figure(d, s.production(), DurationMetric.TIME_TO_ACKNOWLEDGE),
                    figure(d, s.production(), DurationMetric.TIME_TO_MITIGATE),
                    figure(d, s.production(), DurationMetric.TIME_TO_RESOLVE),
                    figure(d, s.production(), DurationMetric.TIME_TO_REVIEW),
                    new RecurrenceFigure(RECURRENCE, 1, figures.recurrenceWindow().toDays(), r.incidents(), r.recurring(),
                            r.incidents() == 0 ? null : (double) r.recurring() / r.incidents(),
                            r.recurrences().stream().map(x -> new Recurrence(x.incidentId().toString(), x.number(),
                                    x.detectedAt(), x.repeatsIncidentId().toString(), x.repeatsNumber(),
                                    x.repeatsDetectedAt(), x.sharedKeys())).toList()),
                    drills.runs() == 0 ? null : (double) drills.passed() / drills.runs(),
                    new ActionItemFigure(ACTION_ITEMS, 1, items.total(), items.completed(), items.cancelled(),
                            counted == 0 ? null : (double) items.completed() / counted, items.overdue(),
                            items.medianDaysToComplete()),
                    new TargetsFigure(RESPONSE_TARGETS, 1,
                            TargetFigure.of(t.acknowledgeMet(), t.acknowledgeMissed(), t.acknowledgePending()),
                            TargetFigure.of(t.resolveMet(), t.resolveMissed(), t.resolvePending())),
                    new DrillFigures(figure(d, s.drills(), DurationMetric.TIME_TO_ACKNOWLEDGE),
                            figure(d, s.drills(), DurationMetric.TIME_TO_MITIGATE),
                            figure(d, s.drills(), DurationMetric.TIME_TO_RESOLVE),
                            figure(d, s.drills(), DurationMetric.TIME_TO_REVIEW),
                            new DrillRunsFigure(DRILL_PASS_RATE, 1, drills.runs(), drills.passed(), drills.failed(),
                                    drills.aborted(), drills.runs() == 0 ? null : (double) drills.passed() / drills.runs(),
                                    drills.medianScore(), drills.reviewed(), drills.reviewedWithin7Days(),
                                    drills.runs() == 0 ? null : (double) drills.reviewedWithin7Days() / drills.runs(),
                                    drills.findings(), drills.findingsWithActionItems())));
        });
    }

    @GET
    @Path("trend")
    public CompletionStage<Trend> trend(@QueryParam("from") String from, @QueryParam("to") String to,
                                        @QueryParam("bucket") String bucket, @QueryParam("service") String service,
                                        @QueryParam("severity") String severity,
                                        @QueryParam("timeToAcknowledgeVersion") String ackVersion,
                                        @QueryParam("timeToMitigateVersion") String mitigateVersion,
                                        @QueryParam("timeToResolveVersion") String resolveVersion,
                                        @QueryParam("timeToReviewVersion") String reviewVersion) {
        BucketSize size = switch (bucket == null ? "" : bucket.strip().toLowerCase(Locale.ROOT)) {
            case "week" -> BucketSize.WEEK;
            case "month" -> BucketSize.MONTH;
            default -> throw new BadRequest("bucket", "must be week or month, not '" + bucket + "'");
        };
        Metrics.Request request = request(from, to, service, severity,
                versions(ackVersion, mitigateVersion, resolveVersion, reviewVersion));
        long days = ChronoUnit.DAYS.between(request.from(), request.to());
        if ((size == BucketSize.WEEK ? days / 7 : days / 28) > MAX_BUCKETS) {
            throw new BadRequest("to", "the period has more than " + MAX_BUCKETS + " buckets; shorten it or use month");
        }
        return metrics.trend(request, size).thenApply(trend -> new Trend(size.name().toLowerCase(Locale.ROOT),
                request.from(), request.to(), request.service(), request.severity(), trend.rows().stream()
                .map(row -> new TrendRow(row.start(), row.end(), row.incidents(),
                        figure(trend.definitions(), row.figures(), DurationMetric.TIME_TO_ACKNOWLEDGE),
                        figure(trend.definitions(), row.figures(), DurationMetric.TIME_TO_MITIGATE),
                        figure(trend.definitions(), row.figures(), DurationMetric.TIME_TO_RESOLVE),
                        figure(trend.definitions(), row.figures(), DurationMetric.TIME_TO_REVIEW)))
                .toList()));
    }

    private Metrics.Request request(String from, String to, String service, String severity,
                                    Map<DurationMetric, Integer> versions) {
        Caller caller = Caller.of(headers);
        Instant end = Params.instant(to, "to", true);
        Instant start = Params.instant(from, "from", true);
        if (!start.isBefore(end)) {
            throw new BadRequest("from", "must be before to");
        }
        if (Duration.between(start, end).toDays() > 3_660) {
            throw new BadRequest("from", "the period may be at most ten years long");
        }
        Set<Severity> severities = Params.enums(severity == null ? null : List.of(severity), Severity.class, "severity");
        if (severities.size() > 1) {
            throw new BadRequest("severity", "must be one severity");
        }
        return new Metrics.Request(caller.tenant(), start, end, Params.text(service, "service"),
                severities.isEmpty() ? null : severities.iterator().next(), versions);
    }

    private static Map<DurationMetric, Integer> versions(String acknowledge, String mitigate, String resolve,
                                                        String review) {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("timeToAcknowledge", acknowledge);
        given.put("timeToMitigate", mitigate);
        given.put("timeToResolve", resolve);
        given.put("timeToReview", review);
        Map<DurationMetric, Integer> versions = new EnumMap<>(DurationMetric.class);
        given.forEach((key, value) -> {
            if (value == null || value.isBlank()) {
                return;
            }
            DurationMetric metric = DurationMetric.ofKey(key).orElseThrow();
            String field = key + "Version";
            try {
                int version = Integer.parseInt(value.strip());
                if (metric.definition(version).isEmpty()) {
                    throw new BadRequest(field, "must be one of " + metric.definitions().stream()
                            .map(Definition::version).toList() + ", not " + version);
                }
                versions.put(metric, version);
            } catch (NumberFormatException e) {
                throw new BadRequest(field, "must be a definition version such as 1, not '" + value + "'");
            }
        });
        return versions;
    }

    private static DurationFigure figure(Map<DurationMetric, Definition> definitions,
                                         Map<DurationMetric, MetricFigures.Figures> figures, DurationMetric metric) {
        return DurationFigure.of(definitions.get(metric), figures.getOrDefault(metric, MetricFigures.Figures.NONE));
    }
}

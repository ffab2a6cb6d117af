package io.firedrill.domain.metrics;

import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant's choice of metric definitions: which version of each duration metric its figures use unless a
 * request names another. Every choice is a fact ({@link DefinitionChosen}), so when and by whom a definition
 * changed stays on record; the figures themselves are recomputed from the incidents' facts with any version.
 *
 * @param versions the chosen version per metric; metrics not chosen use their default
 * @param version how many choices were folded into this state
 */
public record MetricSettings(Map<DurationMetric, Integer> versions, long version) {

    /** No choice made: every metric uses its default definition. */
    public static final MetricSettings DEFAULTS = new MetricSettings(Map.of(), 0);

    public MetricSettings {
        Objects.requireNonNull(versions, "versions");
        versions = versions.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(versions));
    }

    /** The definition this tenant uses for {@code metric}. */
    public DurationMetric.Definition definition(DurationMetric metric) {
        Integer chosen = versions.get(metric);
        return chosen == null ? metric.defaultDefinition() : metric.definition(chosen).orElseThrow();
    }

    /** A tenant's administrator chooses the version of a metric's definition. */
    public record ChooseDefinition(TenantId tenant, Actor by, DurationMetric metric, int definitionVersion) {

        public ChooseDefinition {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(by, "by");
            if (metric == null) {
                throw new IllegalArgumentException("metric must be one of timeToAcknowledge, timeToMitigate,"
                        + " timeToResolve, timeToReview");
            }
            if (metric.definition(definitionVersion).isEmpty()) {
                throw new IllegalArgumentException("version must be one of " + metric.definitions().stream()
                        .map(DurationMetric.Definition::version).toList() + " for " + metric.key());
            }
        }
    }

    /** The tenant's figures of {@code metric} use version {@code definitionVersion} of its definition from now on. */
    public record DefinitionChosen(TenantId tenant, Actor by, DurationMetric metric, int definitionVersion,
                                   Instant occurredAt) {

        public DefinitionChosen {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(occurredAt, "occurredAt");
        }
    }

    /** The facts a choice causes: none when it is already the tenant's choice (a retry). */
    public static List<DefinitionChosen> decide(ChooseDefinition command, MetricSettings state, Instant now) {
        return state.definition(command.metric()).version() == command.definitionVersion() ? List.of()
                : List.of(new DefinitionChosen(command.tenant(), command.by(), command.metric(),
                        command.definitionVersion(), now));
    }

    /** The next state after a choice. */
    public static MetricSettings evolve(MetricSettings state, DefinitionChosen event) {
        Map<DurationMetric, Integer> versions = new EnumMap<>(DurationMetric.class);
        versions.putAll(state.versions());
        versions.put(event.metric(), event.definitionVersion());
        return new MetricSettings(versions, state.version() + 1);
    }

}

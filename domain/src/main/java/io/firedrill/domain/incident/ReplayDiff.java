package io.firedrill.domain.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How an incident changed between two instants of a replay ({@link IncidentReplay#diff}).
 *
 * @param from the earlier instant
 * @param to the later instant
 * @param knowledge which view of time both states were replayed in
 * @param before the state at {@code from}; empty when the incident did not exist yet
 * @param after the state at {@code to}; empty when the incident did not exist yet
 * @param changes the fields that differ, in {@link Incident}'s component order ({@code version} excluded)
 * @param facts the facts included at {@code to} but not at {@code from}, in replay order
 */
public record ReplayDiff(
        Instant from,
        Instant to,
        IncidentReplay.Knowledge knowledge,
        Optional<Incident> before,
        Optional<Incident> after,
        List<FieldChange> changes,
        List<IncidentEvent> facts) {

    /**
     * One field that differs.
     *
     * @param field the field name as in the JSON API (camelCase, like {@link Incident}'s components)
     * @param before the value at {@code from} ({@code null}, or an empty collection, before declaration)
     * @param after the value at {@code to}
     */
    public record FieldChange(String field, Object before, Object after) {

        public FieldChange {
            Objects.requireNonNull(field, "field");
        }
    }

    public ReplayDiff {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(knowledge, "knowledge");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        changes = List.copyOf(changes);
        facts = List.copyOf(facts);
    }

    private static final List<Field> FIELDS = List.of(
            new Field("id", Incident::id),
            new Field("number", Incident::number),
            new Field("title", Incident::title),
            new Field("summary", Incident::summary),
            new Field("severity", Incident::severity),
            new Field("status", Incident::status),
            new Field("services", Incident::services),
            new Field("commander", Incident::commander),
            new Field("responders", Incident::responders),
            new Field("tags", Incident::tags),
            new Field("drill", Incident::drill),
            new Field("detectedAt", Incident::detectedAt),
            new Field("declaredAt", Incident::declaredAt),
            new Field("acknowledgedAt", Incident::acknowledgedAt),
            new Field("mitigatedAt", Incident::mitigatedAt),
            new Field("resolvedAt", Incident::resolvedAt),
            new Field("reopenedAt", Incident::reopenedAt),
            new Field("reviewedAt", Incident::reviewedAt),
            new Field("postmortemId", Incident::postmortemId),
            new Field("duplicateOf", Incident::duplicateOf),
            new Field("closedAsDuplicateAt", Incident::closedAsDuplicateAt),
            new Field("regressions", Incident::regressions));

    /** The fields (all but {@code version}) that differ between two states, in component order. */
    public static List<FieldChange> changesBetween(Incident before, Incident after) {
        List<FieldChange> changes = new ArrayList<>();
        for (Field field : FIELDS) {
            Object was = field.value().apply(before);
            Object is = field.value().apply(after);
            if (!Objects.equals(was, is)) {
                changes.add(new FieldChange(field.name(), was, is));
            }
        }
        return List.copyOf(changes);
    }

    private record Field(String name, Function<Incident, Object> value) {
    }
}

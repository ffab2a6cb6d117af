package io.firedrill.domain.incident;

import io.firedrill.domain.shared.ControlCharacters;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Constructor validation shared by the incident commands. Every message starts with the field name, so
 * that the REST layer can point at the offending field.
 */
final class Require {

    static final int TITLE_MAX = 200;
    static final int TEXT_MAX = 10_000;
    static final int REASON_MAX = 2_000;
    static final int NAME_MAX = 200;
    static final int SERVICES_MAX = 50;
    static final int TAG_MAX = 100;
    static final int TAGS_MAX = 50;

    private Require() {
    }

    static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return atMost(value, field, max);
    }

    /** An optional text: blank counts as absent and becomes {@code null}. */
    static String optionalText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return atMost(value, field, max);
    }

    private static String atMost(String value, String field, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters");
        }
        int control = ControlCharacters.first(value);
        if (control >= 0) {
            throw new IllegalArgumentException(field + " " + ControlCharacters.refusal(control));
        }
        return value;
    }

    static List<String> services(List<String> services) {
        notNull(services, "services");
        if (services.isEmpty()) {
            throw new IllegalArgumentException("services must name at least one service");
        }
        if (services.size() > SERVICES_MAX) {
            throw new IllegalArgumentException("services must name at most " + SERVICES_MAX + " services");
        }
        names(services, "services", NAME_MAX);
        return List.copyOf(services);
    }

    static Set<String> tags(Set<String> tags) {
        if (tags == null) {
            return Set.of();
        }
        if (tags.size() > TAGS_MAX) {
            throw new IllegalArgumentException("tags must hold at most " + TAGS_MAX + " tags");
        }
        names(tags, "tags", TAG_MAX);
        return Incident.orderedSet(tags);
    }

    private static void names(Collection<String> names, String field, int max) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(field + " must not contain blank entries");
            }
            if (name.length() > max) {
                throw new IllegalArgumentException(field + " entries must be at most " + max + " characters");
            }
            if (ControlCharacters.first(name) >= 0) {
                throw new IllegalArgumentException(field + " entries " + ControlCharacters.refusal(ControlCharacters.first(name)));
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(field + " must be distinct: '" + name + "' appears twice");
            }
        }
    }
}

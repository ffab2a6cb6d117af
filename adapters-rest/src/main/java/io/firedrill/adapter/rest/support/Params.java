package io.firedrill.adapter.rest.support;

import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.domain.shared.AcceptedTimes;
import io.firedrill.domain.shared.ControlCharacters;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Reading query parameters and bodies; bad input is a {@link BadRequest} naming the parameter. */
public final class Params {

    private Params() {
    }

    /** The body, or 400 {@code body} when there is none. */
    public static <T> T required(T body) {
        if (body == null) {
            throw new BadRequest("body", "a JSON body is required");
        }
        return body;
    }

    /** The stripped value, {@code null} when absent or blank; a control character (a NUL...) is refused. */
    public static String text(String value, String field) {
        if (value != null && ControlCharacters.first(value) >= 0) {
            throw new BadRequest(field, ControlCharacters.refusal(ControlCharacters.first(value)));
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Enum constants from repeated and comma-separated values, case-insensitive; empty when absent. */
    public static <E extends Enum<E>> Set<E> enums(Collection<String> values, Class<E> type, String field) {
        Set<E> result = EnumSet.noneOf(type);
        if (values == null) {
            return result;
        }
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    result.add(Enum.valueOf(type, part.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new BadRequest(field, "must be one of " + EnumSet.allOf(type) + ", not '" + part + "'");
                }
            }
        }
        return result;
    }

    /** {@code true}, {@code false} or {@code null} when absent. */
    public static Boolean bool(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequest(field, "must be true or false, not '" + value + "'");
        };
    }

    /** A page size: 50 when absent, 1 to 500. */
    public static int limit(String value) {
        if (value == null || value.isBlank()) {
            return 50;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= 500) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest("limit", "must be a whole number from 1 to 500, not '" + value + "'");
    }

    /** An ISO-8601 instant; {@code null} when absent and not required. */
    public static Instant instant(String value, String field, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new BadRequest(field, "is required (an ISO-8601 instant such as 2026-11-24T10:15:00Z)");
            }
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequest(field, "must be an ISO-8601 instant such as 2026-11-24T10:15:00Z, not '" + value + "'");
        }
        if (!AcceptedTimes.accepted(instant)) {
            throw new BadRequest(field, AcceptedTimes.refusal());
        }
        return instant;
    }

    /** An ISO-8601 date; {@code null} when absent. */
    public static LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequest(field, "must be a date such as 2026-12-31, not '" + value + "'");
        }
    }
}

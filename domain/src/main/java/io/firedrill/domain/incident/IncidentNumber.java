package io.firedrill.domain.incident;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The human number of an incident, {@code INC-YYYY-NNNN}: the year and a per-tenant, per-year sequence
 * starting at 1, zero-padded to at least four digits ({@code INC-2026-0042}, {@code INC-2026-12345}).
 *
 * @param value the canonical text; a sequence longer than four digits has no leading zero
 */
public record IncidentNumber(String value) {

    private static final Pattern FORMAT = Pattern.compile("INC-(\\d{4})-(\\d{4}|[1-9]\\d{4,17})");

    public IncidentNumber {
        Require.notNull(value, "number");
        Matcher matcher = FORMAT.matcher(value);
        if (!matcher.matches() || Long.parseLong(matcher.group(2)) == 0 || Integer.parseInt(matcher.group(1)) == 0) {
            throw new IllegalArgumentException("number must look like INC-YYYY-NNNN (sequence from 1): '" + value + "'");
        }
    }

    /**
     * The number of the {@code sequence}-th incident of {@code year}.
     *
     * @throws IllegalArgumentException when the year is not 1-9999 or the sequence is below 1
     */
    public static IncidentNumber of(int year, long sequence) {
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("number year must be between 1 and 9999: " + year);
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("number sequence must be at least 1: " + sequence);
        }
        return new IncidentNumber(String.format(Locale.ROOT, "INC-%04d-%04d", year, sequence));
    }

    /** The year part. */
    public int year() {
        return Integer.parseInt(value.substring(4, 8));
    }

    /** The sequence part. */
    public long sequence() {
        return Long.parseLong(value.substring(9));
    }

    @Override
    public String toString() {
        return value;
    }
}

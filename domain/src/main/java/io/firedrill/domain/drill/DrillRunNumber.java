package io.firedrill.domain.drill;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The human number of a drill run, {@code DR-YYYY-NNNN}: the year and a per-tenant, per-year sequence starting at 1,
 * zero-padded to at least four digits.
 */
public record DrillRunNumber(String value) {

    private static final Pattern FORMAT = Pattern.compile("DR-\\d{4}-(\\d{4}|[1-9]\\d{4,17})");

    public DrillRunNumber {
        Fields.notNull(value, "number");
        if (!FORMAT.matcher(value).matches() || value.endsWith("-0000")) {
            throw new IllegalArgumentException("number must look like DR-YYYY-NNNN (sequence from 1): '" + value + "'");
        }
    }

    /** The number of the {@code sequence}-th run of {@code year}. */
    public static DrillRunNumber of(int year, long sequence) {
        if (year < 1 || year > 9999 || sequence < 1) {
            throw new IllegalArgumentException("number needs a year of 1-9999 and a sequence from 1: " + year + ", " + sequence);
        }
        return new DrillRunNumber(String.format(Locale.ROOT, "DR-%04d-%04d", year, sequence));
    }

    @Override
    public String toString() {
        return value;
    }
}

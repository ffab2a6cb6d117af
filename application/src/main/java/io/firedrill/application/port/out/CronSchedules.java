package io.firedrill.application.port.out;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** Cron expressions of drill schedules: five fields (minute, hour, day of month, month, day of week). */
public interface CronSchedules {

    /** What is wrong with {@code expression}, or empty when it is a valid five-field cron expression. */
    Optional<String> problem(String expression);

    /** The first instant strictly after {@code after} that {@code expression}, read in {@code zone}, names; empty if none. */
    Optional<Instant> next(String expression, ZoneId zone, Instant after);

    /** The last instant at or before {@code atOrBefore} that {@code expression}, read in {@code zone}, names; empty if none. */
    Optional<Instant> previous(String expression, ZoneId zone, Instant atOrBefore);
}

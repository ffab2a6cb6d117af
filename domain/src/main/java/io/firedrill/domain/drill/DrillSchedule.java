package io.firedrill.domain.drill;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * When a plan runs by itself: a cron expression (five fields: minute, hour, day of month, month, day of week) read in
 * {@code zone}, except in its blackouts. A run missed while no instance was up still starts within {@code grace} of
 * its instant (default 15 minutes, at most a day; a plan saved now needs at least a minute, which the application checks,
 * so that plans stored before that rule stay readable); later, it is recorded as skipped. Whether the expression is valid
 * cron is checked where the application accepts a plan (the domain does not parse cron).
 */
public record DrillSchedule(String cron, String zone, List<Blackout> blackouts, Duration grace) {

    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(15);

    public DrillSchedule {
        cron = Fields.text(cron, "cron", 200).replaceAll("\\s+", " ");
        zone = zone == null || zone.isBlank() ? "UTC" : zone.strip();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone must be a time zone such as Europe/Berlin or Asia/Shanghai, not '" + zone + "'");
        }
        blackouts = Fields.list(blackouts, "blackouts", 50);
        grace = grace == null ? DEFAULT_GRACE : Fields.duration(grace, "grace", Duration.ZERO, Duration.ofDays(1));
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    /** The blackout that covers {@code at}, or {@code null}. */
    public Blackout blackoutAt(ZonedDateTime at) {
        for (Blackout blackout : blackouts) {
            if (blackout.covers(at, zoneId())) {
                return blackout;
            }
        }
        return null;
    }
}

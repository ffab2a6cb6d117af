package io.firedrill.domain.drill;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * When a plan's scheduled runs do not start, in the schedule's time zone: every week on {@code days} (release
 * days), or from {@code from} to {@code to}, both days included (a freeze). Exactly one of the two forms.
 */
public record Blackout(Set<DayOfWeek> days, LocalDate from, LocalDate to, String reason) {

    public Blackout {
        if (days != null && days.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("days must name days of the week (MONDAY ... SUNDAY), not null");
        }
        days = days == null || days.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(days));
        if (days.isEmpty() == (from == null && to == null)) {
            throw new IllegalArgumentException("days must be given, or from and to, not both");
        }
        if (days.isEmpty()) {
            Fields.notNull(from, "from");
            Fields.notNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("to must not be before from");
            }
        }
        reason = Fields.optional(reason, "reason", 500);
    }

    /** Whether {@code instant} in {@code zone} falls in this blackout. */
    public boolean covers(ZonedDateTime at, ZoneId zone) {
        LocalDate day = at.withZoneSameInstant(zone).toLocalDate();
        return days.isEmpty() ? !day.isBefore(from) && !day.isAfter(to) : days.contains(day.getDayOfWeek());
    }
}

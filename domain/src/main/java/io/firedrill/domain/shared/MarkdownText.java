package io.firedrill.domain.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** How Firedrill's Markdown exports (postmortems, drill reports) write durations, instants and table cells. */
public final class MarkdownText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", java.util.Locale.ROOT).withZone(ZoneOffset.UTC);

    private MarkdownText() {
    }

    /** A duration as people read it, for example {@code 1h 5m} or {@code 2d 3h}; {@code —} when not reached. */
    public static String human(Duration duration) {
        if (duration == null) {
            return "—";
        }
        if (duration.isNegative()) {
            return "-" + human(duration.negated());
        }
        List<String> parts = new ArrayList<>();
        if (duration.toDaysPart() > 0) {
            parts.add(duration.toDaysPart() + "d");
        }
        if (duration.toHoursPart() > 0) {
            parts.add(duration.toHoursPart() + "h");
        }
        if (duration.toMinutesPart() > 0) {
            parts.add(duration.toMinutesPart() + "m");
        }
        if (duration.toSecondsPart() > 0 || parts.isEmpty()) {
            parts.add(duration.toSecondsPart() + "s");
        }
        return String.join(" ", parts);
    }

    /** Keeps a text inside one table cell. */
    public static String cell(String text) {
        return text == null ? "—" : text.strip().replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>");
    }

    /** Keeps a multi-line text inside its list item. */
    public static String inline(String text, String indent) {
        return text.strip().replace("\r\n", "\n").replace("\n", "\n" + indent);
    }

    /** An instant in UTC to the second, {@code —} when absent. */
    public static String utc(Instant instant) {
        return instant == null ? "—" : TIME.format(instant) + " UTC";
    }
}

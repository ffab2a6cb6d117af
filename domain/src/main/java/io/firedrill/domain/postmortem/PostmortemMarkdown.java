package io.firedrill.domain.postmortem;

import io.firedrill.domain.shared.MarkdownText;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Markdown export of a postmortem, following the template: title, status, basic information, response
 * times, executive summary, impact, timeline, direct cause, 5 Whys, contributing factors, actions by horizon,
 * lessons, references, and a final evidence list.
 *
 * <p>Cited event ids are labelled {@code E1}, {@code E2}... in order of first citation and linked to an
 * anchor {@code event-<id>} in the evidence list, which names each id in full and where it is cited. Stale
 * statements (paths as {@link Staleness#staleStatements} gives them) are marked "⚠ {@value #STALE}". The output
 * depends only on the arguments.
 */
public final class PostmortemMarkdown {

    static final String STALE = "stale: a cited fact was corrected later";
    private static final String NOT_WRITTEN = "_Not written yet._";
    private static final String NONE = "_None._";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private PostmortemMarkdown() {
    }

    /**
     * Renders {@code postmortem}.
     *
     * @param staleStatements the paths of its stale statements ({@code directCause}, {@code fiveWhys[i]},
     *     {@code timeline[i]}); others are ignored
     * @throws IllegalArgumentException when nothing has been drafted
     */
    public static String render(Postmortem postmortem, List<String> staleStatements) {
        Objects.requireNonNull(postmortem, "postmortem");
        if (!postmortem.drafted() || postmortem.prefill() == null) {
            throw new IllegalArgumentException("postmortem must have been drafted");
        }
        Set<String> stale = staleStatements == null ? Set.of() : Set.copyOf(staleStatements);
        Prefill p = postmortem.prefill();
        Sections s = postmortem.sections();
        Evidence evidence = new Evidence();
        StringBuilder md = new StringBuilder();

        md.append("# Postmortem: ").append(p.number()).append(' ').append(p.title()).append("\n\n");
        md.append("**Status:** ").append(status(postmortem));
        md.append(" · **Drafted:** ").append(utc(postmortem.createdAt()));
        if (!postmortem.approvals().isEmpty()) {
            md.append(" · **Approved by:** ").append(String.join(", ", postmortem.approvals()));
        }
        md.append("\n\n");

        md.append("## Basic information\n\n");
        table(md, "Field", "Value", List.of(
                new String[] {"Incident", p.number()},
                new String[] {"Title", p.title()},
                new String[] {"Severity", p.severity() == null ? null : p.severity().name()},
                new String[] {"Services", String.join(", ", p.services())},
                new String[] {"Commander", p.commander()},
                new String[] {"Participants", String.join(", ", p.participants())},
                new String[] {"Start", utc(p.startedAt())},
                new String[] {"End", utc(p.endedAt())}));

        md.append("## Response times\n\n");
        table(md, "Measure", "Duration", List.of(
                new String[] {"Time to acknowledge", human(p.timeToAcknowledge())},
                new String[] {"Time to mitigate", human(p.timeToMitigate())},
                new String[] {"Time to resolve", human(p.timeToResolve())}));

        md.append("## Executive summary\n\n").append(orNotWritten(s.summary())).append("\n\n");

        md.append("## Impact\n\n");
        Impact impact = s.impact();
        table(md, "Aspect", "Impact", List.of(
                new String[] {"Users affected", impact.usersAffected()},
                new String[] {"Data loss", impact.dataLoss()},
                new String[] {"Availability", impact.availability()},
                new String[] {"SLO impact", impact.sloImpact()},
                new String[] {"Error budget consumed", impact.errorBudgetConsumed()}), NOT_WRITTEN);

        md.append("## Timeline\n\n");
        if (p.timeline().isEmpty()) {
            md.append(NONE).append("\n\n");
        } else {
            md.append("| Time (UTC) | Fact | By | Evidence |\n|---|---|---|---|\n");
            for (int i = 0; i < p.timeline().size(); i++) {
                TimelineRow row = p.timeline().get(i);
                String fact = cell(row.text()) + (stale.contains("timeline[" + i + "]") ? " ⚠ _" + STALE + "_" : "");
                md.append("| ").append(TIME.format(row.at())).append(" | ").append(fact).append(" | ")
                        .append(cell(row.actor())).append(" | ").append(evidence.links(row.eventIds(), "Timeline"))
                        .append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Direct cause\n\n");
        if (s.directCause() == null) {
            md.append(NOT_WRITTEN).append("\n\n");
        } else {
            md.append(s.directCause().text()).append("\n\n");
            if (!s.directCause().evidence().isEmpty()) {
                md.append("Evidence: ").append(evidence.links(s.directCause().evidence(), "Direct cause")).append("\n\n");
            }
            if (stale.contains("directCause")) {
                md.append("> ⚠ ").append(STALE).append("\n\n");
            }
        }

        md.append("## 5 Whys\n\n");
        if (s.fiveWhys().isEmpty()) {
            md.append(NOT_WRITTEN).append("\n");
        }
        for (int i = 0; i < s.fiveWhys().size(); i++) {
            Why why = s.fiveWhys().get(i);
            String indent = " ".repeat(String.valueOf(i + 1).length() + 2);
            md.append(i + 1).append(". **").append(inline(why.why(), indent)).append("**\n");
            md.append(indent).append(inline(why.because(), indent)).append('\n');
            if (!why.evidence().isEmpty()) {
                md.append(indent).append("Evidence: ").append(evidence.links(why.evidence(), "5 Whys")).append('\n');
            }
            if (stale.contains("fiveWhys[" + i + "]")) {
                md.append(indent).append("⚠ ").append(STALE).append('\n');
            }
        }
        md.append('\n');

        md.append("## Contributing factors\n\n");
        bullets(md, s.contributingFactors(), NOT_WRITTEN);

        md.append("## Corrective and preventive actions\n\n");
        if (s.actions().isEmpty()) {
            md.append(NOT_WRITTEN).append("\n\n");
        } else {
            for (Horizon horizon : Horizon.values()) {
                md.append("### ").append(horizon(horizon)).append("\n\n");
                List<String> lines = new ArrayList<>();
                for (PlannedAction action : s.actions()) {
                    if (action.horizon() == horizon) {
                        lines.add(action(action));
                    }
                }
                bullets(md, lines, NONE);
            }
        }

        md.append("## Lessons learned\n\n");
        md.append("### What went well\n\n");
        bullets(md, s.lessons().wentWell(), NOT_WRITTEN);
        md.append("### What to improve\n\n");
        bullets(md, s.lessons().toImprove(), NOT_WRITTEN);

        md.append("## References\n\n");
        bullets(md, s.references(), NONE);

        md.append("## Evidence\n\n");
        if (evidence.labels.isEmpty()) {
            md.append("No incident events are cited.\n");
        } else {
            md.append("The stored incident events cited above.\n\n");
            evidence.labels.forEach((id, label) -> md.append("- <a id=\"").append(anchor(id)).append("\"></a>**")
                    .append(label).append("** `").append(id).append("` (")
                    .append(String.join(", ", evidence.citedIn.get(id))).append(")\n"));
        }
        return md.toString();
    }

    /** A duration as people read it, for example {@code 1h 5m} or {@code 2d 3h}; {@code —} when not reached. */
    static String human(Duration duration) {
        return MarkdownText.human(duration);
    }

    /** Labels cited event ids in order of first citation and remembers where each is cited. */
    private static final class Evidence {
        final Map<String, String> labels = new LinkedHashMap<>();
        final Map<String, Set<String>> citedIn = new LinkedHashMap<>();

        String links(List<String> ids, String where) {
            List<String> links = new ArrayList<>();
            for (String id : ids) {
                String label = labels.computeIfAbsent(id, k -> "E" + (labels.size() + 1));
                citedIn.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(where);
                links.add("[" + label + "](#" + anchor(id) + ")");
            }
            return String.join(", ", links);
        }
    }

    private static String status(Postmortem pm) {
        return switch (pm.status()) {
            case DRAFT -> "Draft";
            case IN_REVIEW -> "In review";
            case PUBLISHED -> "Published " + utc(pm.publishedAt());
        };
    }

    private static String horizon(Horizon horizon) {
        return switch (horizon) {
            case IMMEDIATE -> "Immediate";
            case SHORT_TERM -> "Short term";
            case LONG_TERM -> "Long term";
        };
    }

    private static String action(PlannedAction action) {
        String kind = action.kind() == null ? "" : " (" + action.kind().name().toLowerCase(Locale.ROOT) + ")";
        String settled = action.actionItemId() != null ? "action item `" + action.actionItemId() + "`"
                : action.waivedReason() != null ? "waived: " + action.waivedReason()
                : "⚠ not linked to an action item nor waived";
        return "**" + action.title() + "**" + kind + ": " + settled;
    }

    private static void table(StringBuilder md, String key, String value, List<String[]> rows) {
        table(md, key, value, rows, "—");
    }

    private static void table(StringBuilder md, String key, String value, List<String[]> rows, String missing) {
        md.append("| ").append(key).append(" | ").append(value).append(" |\n|---|---|\n");
        for (String[] row : rows) {
            md.append("| ").append(row[0]).append(" | ").append(row[1] == null ? missing : cell(row[1])).append(" |\n");
        }
        md.append('\n');
    }

    private static void bullets(StringBuilder md, List<String> items, String empty) {
        if (items.isEmpty()) {
            md.append(empty).append("\n\n");
            return;
        }
        for (String item : items) {
            md.append("- ").append(inline(item, "  ")).append('\n');
        }
        md.append('\n');
    }

    private static String inline(String text, String indent) {
        return MarkdownText.inline(text, indent);
    }

    private static String cell(String text) {
        return MarkdownText.cell(text);
    }

    private static String orNotWritten(String text) {
        return text == null ? NOT_WRITTEN : text.strip();
    }

    private static String utc(Instant instant) {
        return MarkdownText.utc(instant);
    }

    private static String anchor(String eventId) {
        return "event-" + eventId.replaceAll("[^A-Za-z0-9_-]", "-");
    }
}

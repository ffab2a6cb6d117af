package io.firedrill.adapter.webhook.notification;

import io.firedrill.application.port.out.MessageTemplates;
import io.firedrill.domain.notification.MessageLanguage;
import io.firedrill.domain.notification.Notice;
import io.firedrill.domain.notification.NoticeType;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Notification templates with Qute's engine, in strict mode: a name the data does not have is an error, with its line.
 * A template sees only maps, lists and plain values (no reflection), so it can read the notice and nothing else:
 * {@code type}, {@code when}, {@code actor}, {@code drill}, {@code text}, {@code count}, {@code link}, and where the
 * notice has them {@code incident.*} and {@code subject.*} (docs/notifications.md lists every name). The built-in
 * templates are {@code notification-templates/<language>.txt}: for each type, a {@code === type} line, the title's
 * template, a {@code ---} line and the text's template.
 */
@ApplicationScoped
public class QuteMessageTemplates implements MessageTemplates {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Engine engine = Engine.builder().addDefaults().strictRendering(true).removeStandaloneLines(true)
            .build();
    private final Map<MessageLanguage, Map<NoticeType, Pair>> builtIn = new EnumMap<>(MessageLanguage.class);

    public QuteMessageTemplates() {
        for (MessageLanguage language : MessageLanguage.values()) {
            builtIn.put(language, load(language));
        }
    }

    @Override
    public Pair builtIn(NoticeType type, MessageLanguage language) {
        return builtIn.get(language).get(type);
    }

    /** A loop section and what it iterates; only the notice's lists may be iterated. */
    private static final java.util.regex.Pattern LOOP = java.util.regex.Pattern.compile(
            "\\{#(?:for\\s+\\S+\\s+in|each)\\s+([^}\\s]+)");
    private static final java.util.Set<String> LISTS = java.util.Set.of("incident.services");
    /** The longest text a template may render: far more than any vendor takes. */
    static final int RENDERED_MAX = 64 * 1024;

    @Override
    public void check(String template, String field, Notice sample) {
        java.util.regex.Matcher loop = LOOP.matcher(template);
        while (loop.find()) {
            // Qute also loops over numbers ({#for i in 100000}): a template could render for ever
            if (!LISTS.contains(loop.group(1))) {
                int line = (int) template.substring(0, loop.start()).chars().filter(c -> c == '\n').count() + 1;
                throw new IllegalArgumentException(field + " line " + line + ": a loop may iterate only "
                        + String.join(", ", LISTS) + ", not " + loop.group(1));
            }
        }
        String rendered;
        try {
            rendered = engine.parse(template).data(data(sample)).render();
        } catch (TemplateException e) {
            int line = e.getOrigin() == null ? 0 : e.getOrigin().getLine();
            String message = e.getMessage() == null ? e.toString() : e.getMessage()
                    .replaceFirst("^(Parser|Rendering) error( in template \\[[^]]*])?( on line \\d+)?: ", "");
            throw new IllegalArgumentException(field + (line > 0 ? " line " + line : "") + ": " + message);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + ": the template cannot be rendered (" + e.getClass().getSimpleName()
                    + ")");
        }
        if (rendered.length() > RENDERED_MAX) {
            throw new IllegalArgumentException(field + ": renders more than " + RENDERED_MAX + " characters");
        }
    }

    @Override
    public String render(String template, Notice notice) {
        return engine.parse(template).data(data(notice)).render();
    }

    /** What a template sees of a notice. */
    static Map<String, Object> data(Notice notice) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", notice.type().wireName());
        data.put("when", WHEN.format(notice.occurredAt()));
        data.put("actor", notice.actor());
        data.put("drill", notice.drill());
        data.put("text", notice.text());
        data.put("count", notice.count());
        data.put("link", notice.link());
        if (notice.incident() != null) {
            Notice.Incident i = notice.incident();
            Map<String, Object> incident = new LinkedHashMap<>();
            incident.put("id", i.id());
            incident.put("ref", i.ref());
            incident.put("title", i.title());
            incident.put("summary", i.summary());
            incident.put("severity", i.severity());
            incident.put("previousSeverity", i.previousSeverity());
            incident.put("status", i.status());
            incident.put("services", i.services());
            incident.put("serviceList", i.serviceList());
            incident.put("commander", i.commander());
            incident.put("detectedAt", WHEN.format(i.detectedAt()));
            data.put("incident", incident);
        }
        if (notice.subject() != null) {
            Notice.Subject s = notice.subject();
            Map<String, Object> subject = new LinkedHashMap<>();
            subject.put("kind", s.kind());
            subject.put("id", s.id());
            subject.put("title", s.title());
            subject.put("owner", s.owner());
            subject.put("due", s.due());
            subject.put("outcome", s.outcome());
            data.put("subject", subject);
        }
        return data;
    }

    private static Map<NoticeType, Pair> load(MessageLanguage language) {
        String name = "notification-templates/" + language.wireName() + ".txt";
        String text;
        try (InputStream in = QuteMessageTemplates.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the application");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<NoticeType, Pair> pairs = new EnumMap<>(NoticeType.class);
        for (String section : text.split("(?m)^=== ")) {
            if (section.isBlank() || section.startsWith("#")) {
                continue;
            }
            int firstLine = section.indexOf('\n');
            NoticeType type = NoticeType.ofWireName(section.substring(0, firstLine))
                    .orElseThrow(() -> new IllegalStateException(name + ": unknown type " + section.lines().findFirst()));
            String[] titleAndBody = section.substring(firstLine + 1).split("(?m)^---\\n", 2);
            if (titleAndBody.length != 2) {
                throw new IllegalStateException(name + ": " + type.wireName() + " has no --- line");
            }
            pairs.put(type, new Pair(titleAndBody[0].strip(), titleAndBody[1].strip()));
        }
        for (NoticeType type : NoticeType.values()) {
            if (!pairs.containsKey(type)) {
                throw new IllegalStateException(name + " has no template for " + type.wireName());
            }
        }
        return pairs;
    }
}

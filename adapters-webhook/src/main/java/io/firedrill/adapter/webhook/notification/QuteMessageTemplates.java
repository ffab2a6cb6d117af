package io.firedrill.adapter.webhook.notification;

import io.firedrill.application.port.out.MessageTemplates;
import io.firedrill.domain.notification.MessageLanguage;
import io.firedrill.domain.notification.Notice;
import io.firedrill.domain.notification.NoticeType;
import io.quarkus.qute.Engine;
import io.quarkus.qute.IfSectionHelper;
import io.quarkus.qute.SetSectionHelper;
import io.quarkus.qute.WhenSectionHelper;
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
 * Notification templates with Qute's engine, in strict mode, with the sections that cannot run long only: a name the data does not have is an error, with its line.
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

    /**
     * Only the sections that cannot make a template run long: {@code if}, {@code when}/{@code switch},
     * {@code let}/{@code set}. No loop (Qute's iterates numbers too, for as long as asked), no {@code eval} (which would
     * render text a responder wrote as a template), no {@code include} or {@code insert}.
     */
    private final Engine engine = Engine.builder().addDefaultValueResolvers()
            .addSectionHelpers(new IfSectionHelper.Factory(), new WhenSectionHelper.Factory(),
                    new SetSectionHelper.Factory())
            .strictRendering(true).removeStandaloneLines(true).build();
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

    /** The longest text a template may render: far more than any vendor takes. */
    static final int RENDERED_MAX = 64 * 1024;

    @Override
    public void check(String template, String field, Notice sample) {
        try {
            render(template, sample);
        } catch (TemplateException e) {
            int line = e.getOrigin() == null ? 0 : e.getOrigin().getLine();
            String message = e.getMessage() == null ? e.toString() : e.getMessage()
                    .replaceFirst("^(Parser|Rendering) error( in template \\[[^]]*])?( on line \\d+)?: ", "");
            throw new IllegalArgumentException(field + " " + (line > 0 ? "line " + line + ": " : "") + message);
        } catch (TooLong e) {
            throw new IllegalArgumentException(field + " renders more than " + RENDERED_MAX + " characters");
        } catch (RuntimeException | StackOverflowError e) {
            throw new IllegalArgumentException(field + " cannot be rendered (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    /** A rendering that passed {@link #RENDERED_MAX}: it was stopped there. */
    static final class TooLong extends RuntimeException {
        TooLong() {
            super("a notification template rendered more than " + RENDERED_MAX + " characters", null, false, false);
        }
    }

    /**
     * Renders, stopping at {@link #RENDERED_MAX} characters ({@link TooLong}): a template of a few KB that names a long
     * text many times cannot make a message of megabytes.
     */
    @Override
    public String render(String template, Notice notice) {
        StringBuilder out = new StringBuilder();
        java.util.concurrent.CompletableFuture<Void> done = engine.parse(template).data(data(notice)).consume(part -> {
            if (out.length() + part.length() > RENDERED_MAX) {
                throw new TooLong();
            }
            out.append(part);
        }).toCompletableFuture();
        if (!done.isDone()) {
            // the data are maps and values: nothing resolves asynchronously
            throw new IllegalStateException("a notification template did not render at once");
        }
        try {
            done.getNow(null);
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        return out.toString();
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
            incident.put("communications", i.communications());
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

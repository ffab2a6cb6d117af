package io.firedrill.domain.postmortem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blameless check run when a postmortem is submitted for review: it finds sentences that may blame a
 * person, using a configurable list of {@link BlamelessWords}, and reports each as a
 * {@link BlamelessWarning} with its field, sentence and offset. It never refuses anything.
 *
 * <p>Sentences end at {@code . ! ?} (a full stop only when no letter or digit follows, so {@code 3.5} and
 * {@code example.com} do not split), at {@code 。！？} and at line breaks. Where terms overlap, the longest
 * match at the leftmost position wins. References are not scanned: they are links and titles.
 */
public final class BlamelessCheck {

    static final int EXCERPT_MAX = 160;
    private static final int EXCERPT_CONTEXT = 60;
    private static final String WORD_CHAR =
            "[\\p{L}\\p{N}_&&[^\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsThai}\\p{IsLao}\\p{IsKhmer}\\p{IsMyanmar}]]";

    private BlamelessCheck() {
    }

    /** Every warning in {@code sections}, in the order of the template's sections, then by offset. */
    public static List<BlamelessWarning> scan(Sections sections, BlamelessWords words) {
        Objects.requireNonNull(sections, "sections");
        Objects.requireNonNull(words, "words");
        Terms terms = Terms.of(words);
        if (terms == null) {
            return List.of();
        }
        List<BlamelessWarning> warnings = new ArrayList<>();
        scan("summary", sections.summary(), terms, warnings);
        Impact impact = sections.impact();
        scan("impact.usersAffected", impact.usersAffected(), terms, warnings);
        scan("impact.dataLoss", impact.dataLoss(), terms, warnings);
        scan("impact.availability", impact.availability(), terms, warnings);
        scan("impact.sloImpact", impact.sloImpact(), terms, warnings);
        scan("impact.errorBudgetConsumed", impact.errorBudgetConsumed(), terms, warnings);
        if (sections.directCause() != null) {
            scan("directCause", sections.directCause().text(), terms, warnings);
        }
        for (int i = 0; i < sections.fiveWhys().size(); i++) {
            Why why = sections.fiveWhys().get(i);
            scan("fiveWhys[" + i + "].why", why.why(), terms, warnings);
            scan("fiveWhys[" + i + "].because", why.because(), terms, warnings);
        }
        scanAll("contributingFactors", sections.contributingFactors(), terms, warnings);
        for (int i = 0; i < sections.actions().size(); i++) {
            PlannedAction action = sections.actions().get(i);
            scan("actions[" + i + "].title", action.title(), terms, warnings);
            scan("actions[" + i + "].waivedReason", action.waivedReason(), terms, warnings);
        }
        scanAll("lessons.wentWell", sections.lessons().wentWell(), terms, warnings);
        scanAll("lessons.toImprove", sections.lessons().toImprove(), terms, warnings);
        return List.copyOf(warnings);
    }

    /** The warnings in one text, reported under {@code field}. */
    public static List<BlamelessWarning> scan(String field, String text, BlamelessWords words) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(words, "words");
        Terms terms = Terms.of(words);
        List<BlamelessWarning> warnings = new ArrayList<>();
        if (terms != null) {
            scan(field, text, terms, warnings);
        }
        return List.copyOf(warnings);
    }

    private static void scanAll(String field, List<String> texts, Terms terms, List<BlamelessWarning> warnings) {
        for (int i = 0; i < texts.size(); i++) {
            scan(field + "[" + i + "]", texts.get(i), terms, warnings);
        }
    }

    private static void scan(String field, String text, Terms terms, List<BlamelessWarning> warnings) {
        if (text == null || text.isEmpty()) {
            return;
        }
        List<int[]> sentences = sentences(text);
        Matcher matcher = terms.pattern().matcher(text);
        while (matcher.find()) {
            String term = null;
            for (int g = 1; g <= matcher.groupCount() && term == null; g++) {
                if (matcher.group(g) != null) {
                    term = terms.byLength().get(g - 1);
                }
            }
            int index = sentenceOf(sentences, matcher.start());
            int[] span = sentences.isEmpty() ? new int[] {0, text.length()} : sentences.get(index);
            warnings.add(new BlamelessWarning(field, index, matcher.start(), term,
                    excerpt(text, span, matcher.start(), matcher.end())));
        }
    }

    /** The terms longest first, and one pattern with an alternative (a group) per term in that order. */
    private record Terms(List<String> byLength, Pattern pattern) {

        static Terms of(BlamelessWords words) {
            List<String> terms = words.terms().stream()
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    .toList();
            if (terms.isEmpty()) {
                return null;
            }
            StringBuilder regex = new StringBuilder();
            for (String term : terms) {
                if (!regex.isEmpty()) {
                    regex.append('|');
                }
                regex.append('(');
                if (wordChar(term.charAt(0))) {
                    regex.append("(?<!").append(WORD_CHAR).append(')');
                }
                String[] pieces = term.split("\\s+");
                for (int i = 0; i < pieces.length; i++) {
                    regex.append(i == 0 ? "" : "\\s+").append(Pattern.quote(pieces[i]));
                }
                if (wordChar(term.charAt(term.length() - 1))) {
                    regex.append("(?!").append(WORD_CHAR).append(')');
                }
                regex.append(')');
            }
            return new Terms(terms, Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
    }

    /** Whether {@code c} is a letter or digit of a script written with spaces between words. */
    private static boolean wordChar(char c) {
        if (!Character.isLetterOrDigit(c) && c != '_') {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return switch (script) {
            case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR -> false;
            default -> true;
        };
    }

    /** The sentences of {@code text} as [start, end) spans, without surrounding whitespace. */
    static List<int[]> sentences(String text) {
        List<int[]> spans = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && (Character.isWhitespace(text.charAt(i)) || ends(text, i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !ends(text, i) && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                i++;
            }
            while (i < n && ends(text, i)) {
                i++;
            }
            int end = i;
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            spans.add(new int[] {start, end});
        }
        return spans;
    }

    private static boolean ends(String text, int i) {
        char c = text.charAt(i);
        return switch (c) {
            case '!', '?', '。', '！', '？' -> true;
            case '.' -> i + 1 >= text.length() || !Character.isLetterOrDigit(text.charAt(i + 1));
            default -> false;
        };
    }

    private static int sentenceOf(List<int[]> sentences, int offset) {
        int index = 0;
        for (int i = 0; i < sentences.size(); i++) {
            if (sentences.get(i)[0] <= offset) {
                index = i;
            }
        }
        return index;
    }

    private static String excerpt(String text, int[] span, int matchStart, int matchEnd) {
        int start = span[0];
        int end = Math.max(span[1], matchEnd);
        if (end - start <= EXCERPT_MAX) {
            return text.substring(start, end);
        }
        int from = Math.max(start, matchStart - EXCERPT_CONTEXT);
        int to = Math.min(end, Math.max(matchEnd + EXCERPT_CONTEXT, from + EXCERPT_MAX - 2));
        return (from > start ? "…" : "") + text.substring(from, to).strip() + (to < end ? "…" : "");
    }
}

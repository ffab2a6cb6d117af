package io.firedrill.domain.postmortem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The words and phrases that suggest a sentence blames a person. Latin-script terms match whole words,
 * ignoring case ({@code blame} does not match {@code blameless}); terms in Chinese (or any other script
 * written without spaces) match anywhere. Whitespace inside a phrase matches any run of whitespace.
 *
 * @param terms the words and phrases, at most 500, each up to 100 characters
 */
public record BlamelessWords(List<String> terms) {

    static final int TERMS_MAX = 500;
    static final int TERM_MAX = 100;

    private static final List<String> ENGLISH = List.of(
            "blame", "blamed", "blaming", "to blame", "fault of", "his fault", "her fault", "their fault",
            "careless", "carelessly", "negligent", "negligence", "incompetent", "incompetence",
            "should have known", "should have noticed", "human error", "screwed up", "messed up",
            "his mistake", "her mistake", "sloppy", "lazy", "dropped the ball");

    private static final List<String> CHINESE = List.of(
            "责任人", "疏忽", "失误", "粗心", "大意", "马虎", "背锅", "甩锅", "追责", "问责", "怪他", "怪她",
            "怪罪", "人为错误", "人为失误", "操作失误", "失职", "渎职", "玩忽职守", "不负责任", "过错",
            "罪魁祸首", "他的错", "她的错");

    public BlamelessWords {
        if (terms == null) {
            throw new IllegalArgumentException("words must not be null");
        }
        if (terms.size() > TERMS_MAX) {
            throw new IllegalArgumentException("words must have at most " + TERMS_MAX + " entries");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i);
            if (term == null || term.isBlank()) {
                throw new IllegalArgumentException("words[" + i + "] must not be blank");
            }
            if (term.length() > TERM_MAX) {
                throw new IllegalArgumentException("words[" + i + "] must be at most " + TERM_MAX + " characters");
            }
            distinct.add(term.strip());
        }
        terms = List.copyOf(distinct);
    }

    /** The default list: English and Chinese. */
    public static BlamelessWords defaults() {
        List<String> all = new ArrayList<>(ENGLISH);
        all.addAll(CHINESE);
        return new BlamelessWords(all);
    }

    /** A configured list, replacing the defaults. */
    public static BlamelessWords of(List<String> terms) {
        return new BlamelessWords(terms);
    }
}

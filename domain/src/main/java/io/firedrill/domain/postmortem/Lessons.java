package io.firedrill.domain.postmortem;

import java.util.List;

/** What went well and what to improve, each a list of texts. */
public record Lessons(List<String> wentWell, List<String> toImprove) {

    /** Nothing written. */
    public static final Lessons NONE = new Lessons(List.of(), List.of());

    public Lessons {
        wentWell = Texts.list(wentWell);
        toImprove = Texts.list(toImprove);
    }
}

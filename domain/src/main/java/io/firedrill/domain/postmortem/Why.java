package io.firedrill.domain.postmortem;

import java.util.List;

/**
 * One step of the 5 Whys: a question and its answer, with the incident events the answer rests on.
 *
 * @param why the question
 * @param because the answer
 * @param evidence the ids of the stored incident events it cites, possibly none
 */
public record Why(String why, String because, List<String> evidence) {

    public Why {
        evidence = Texts.list(evidence);
    }
}

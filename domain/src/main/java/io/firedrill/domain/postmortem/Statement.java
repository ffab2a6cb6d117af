package io.firedrill.domain.postmortem;

import java.util.List;

/**
 * A written statement (the direct cause) with the incident events it rests on.
 *
 * @param text the statement
 * @param evidence the ids of the stored incident events it cites, possibly none
 */
public record Statement(String text, List<String> evidence) {

    public Statement {
        evidence = Texts.list(evidence);
    }
}

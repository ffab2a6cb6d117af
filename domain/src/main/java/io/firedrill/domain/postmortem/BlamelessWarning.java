package io.firedrill.domain.postmortem;

/**
 * A sentence that may blame a person, found by {@link BlamelessCheck}. A warning, never a refusal.
 *
 * @param field the path of the text in the public JSON, for example {@code fiveWhys[1].because}
 * @param sentence the 0-based index of the sentence within that text
 * @param offset the character offset of the match within that text
 * @param term the configured word or phrase that matched
 * @param excerpt the sentence the match is in (shortened around the match when long)
 */
public record BlamelessWarning(String field, int sentence, int offset, String term, String excerpt) {
}

/**
 * Postmortems: the blameless review of a recovered incident, written from a template and published after
 * review.
 *
 * <p>A postmortem is event sourced like an incident: {@link io.firedrill.domain.postmortem.PostmortemDecider#decide}
 * turns a {@link io.firedrill.domain.postmortem.PostmortemCommand} into
 * {@link io.firedrill.domain.postmortem.PostmortemEvent}s (or refuses it with a
 * {@link io.firedrill.domain.postmortem.PostmortemRuleViolation}), and
 * {@link io.firedrill.domain.postmortem.PostmortemDecider#evolve} folds them into a
 * {@link io.firedrill.domain.postmortem.Postmortem}. Status DRAFT → IN_REVIEW → PUBLISHED, back to DRAFT when a
 * reviewer requests changes.
 *
 * <p>It has two parts. The {@link io.firedrill.domain.postmortem.Prefill} is derived from the incident's stored
 * events ({@link io.firedrill.domain.postmortem.SourcedFact}s): basic information, response times and a
 * timeline of key facts, each row citing the events it rests on; it can be refreshed and never overwrites
 * what people wrote. The {@link io.firedrill.domain.postmortem.Sections} are written by people, edited a
 * subset at a time; the direct cause and the 5 Whys can cite events too.
 * {@link io.firedrill.domain.postmortem.Staleness} marks the statements whose cited facts were corrected
 * later, {@link io.firedrill.domain.postmortem.BlamelessCheck} warns about sentences that blame a person,
 * and {@link io.firedrill.domain.postmortem.PostmortemMarkdown} exports the whole as Markdown.
 */
package io.firedrill.domain.postmortem;

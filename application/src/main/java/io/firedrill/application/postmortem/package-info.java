/**
 * The postmortem slice ({@link io.firedrill.application.postmortem.PostmortemSlice}): its stored events and
 * decider and the postmortem use cases; publishing decides over the postmortem's and the incident's logs at once
 * ({@link io.firedrill.application.postmortem.PublicationModel}).
 */
package io.firedrill.application.postmortem;

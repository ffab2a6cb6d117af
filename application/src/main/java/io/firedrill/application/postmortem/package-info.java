/**
 * The postmortem slice: the use cases ({@link io.firedrill.application.postmortem.Postmortems}) and their Axon
 * wiring; publishing decides over the postmortem's and the incident's logs at once
 * ({@link io.firedrill.application.postmortem.PublicationModel}).
 */
package io.firedrill.application.postmortem;

/**
 * The postmortem slice: the use cases ({@link io.firedrill.application.postmortem.Postmortems}), its Axon
 * wiring, and the automation that marks an incident reviewed when its postmortem is published
 * ({@link io.firedrill.application.postmortem.PostmortemReviewProcessor}).
 */
package io.firedrill.application.postmortem;

/** The drill slice: drill plans (their versions, schedule settings and steps), their use cases and read model. */
package io.firedrill.application.drill;

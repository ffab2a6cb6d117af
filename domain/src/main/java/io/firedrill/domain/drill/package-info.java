/**
 * Drills: plans that a team runs on a schedule or by hand to rehearse an incident (game days, tabletop exercises).
 * A plan names the service under test, the scenario, the hypothesis, the people and their roles, the objectives the
 * run is scored against and the ordered steps; every edit makes a new version of the plan, and a run records the
 * version it ran.
 */
package io.firedrill.domain.drill;

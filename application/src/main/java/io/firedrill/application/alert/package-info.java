/**
 * The alert slice: integrations (their settings and credentials), the intake that stores every delivery
 * as one fact before the sender gets its answer, and the grouping processor that turns stored deliveries
 * into incident facts afterwards.
 */
package io.firedrill.application.alert;

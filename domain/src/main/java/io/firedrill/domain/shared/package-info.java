/** Value objects every feature of the domain shares: tenants, actors and where a fact came from. */
package io.firedrill.domain.shared;

package io.firedrill.application.port.out;

import io.firedrill.domain.incident.IncidentNumber;
import io.firedrill.domain.shared.TenantId;
import java.util.concurrent.CompletableFuture;

/** Hands out incident numbers: per tenant and year, each number once, in increasing order. */
public interface IncidentNumbers {

    /**
     * The next unused number of {@code year} for {@code tenant}. A number handed out for a declaration
     * that is then refused is not handed out again, so the sequence may have gaps; it never has repeats among
     * stored incidents. (A database crash within a moment of handing a number out may hand it out again, when
     * no stored incident holds it.)
     */
    CompletableFuture<IncidentNumber> next(TenantId tenant, int year);
}

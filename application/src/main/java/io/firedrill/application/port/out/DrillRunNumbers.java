package io.firedrill.application.port.out;

import io.firedrill.domain.drill.DrillRunNumber;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Hands out drill run numbers: per tenant and year, each number once, in increasing order (gaps allowed). */
public interface DrillRunNumbers {

    /** The next {@code count} numbers (at least one), consecutive, drawn in one go. */
    CompletableFuture<List<DrillRunNumber>> next(TenantId tenant, int year, int count);
}

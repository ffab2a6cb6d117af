package io.firedrill.application.requests;

import io.firedrill.application.port.in.IdempotentRequests;
import io.firedrill.application.port.out.IdempotencyRecords;
import io.firedrill.application.slice.EventTypes;
import io.firedrill.application.slice.Slice;
import io.firedrill.application.slice.SliceWiring;

/** Idempotent requests, which every command endpoint shares: stores no events, provides {@link IdempotentRequests}. */
public final class RequestsSlice implements Slice {

    @Override
    public String name() {
        return "requests";
    }

    @Override
    public EventTypes<Void> events() {
        return EventTypes.none("requests");
    }

    @Override
    public void wire(SliceWiring wiring) {
        wiring.provide(IdempotentRequests.class, () -> new IdempotentRequestService(wiring.require(IdempotencyRecords.class),
                wiring.require(IdempotencyLease.class).value()));
    }
}

package io.firedrill.application.actionitem;

import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.postmortem.PostmortemId;
import io.firedrill.domain.shared.TenantId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What creating an action item needs to know about postmortems: which incident a postmortem of the tenant is
 * about. Provided by the postmortem slice (the action item slice does not depend on it).
 */
public interface PostmortemLinks {

    /** The incident of the tenant's postmortem {@code id}; empty when the tenant has no such postmortem. */
    CompletableFuture<Optional<IncidentId>> incidentOf(TenantId tenant, PostmortemId id);
}

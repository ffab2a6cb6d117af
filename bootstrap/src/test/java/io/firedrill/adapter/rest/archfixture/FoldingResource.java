package io.firedrill.adapter.rest.archfixture;

import io.firedrill.application.port.out.IncidentListViews;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentDecider;
import java.util.List;

/** Breaks the adapter rules on purpose: it folds events and reads an outbound port (ArchitectureRulesBiteTest). */
public final class FoldingResource {

    private final IncidentListViews views;

    public FoldingResource(IncidentListViews views) {
        this.views = views;
    }

    public Incident fold() {
        return IncidentDecider.fold(List.of());
    }

    public IncidentListViews views() {
        return views;
    }
}

package io.firedrill.bootstrap.axon;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the Axon configuration runs and this instance's event processors have started: commands sent
 * before start or after shutdown would fail.
 */
@Readiness
@ApplicationScoped
public class AxonReadinessCheck implements HealthCheck {

    private final AxonRuntime axon;
    private final EventProcessors processors;

    AxonReadinessCheck(AxonRuntime axon, EventProcessors processors) {
        this.axon = axon;
        this.processors = processors;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("axon").status(axon.running() && processors.started()).build();
    }
}

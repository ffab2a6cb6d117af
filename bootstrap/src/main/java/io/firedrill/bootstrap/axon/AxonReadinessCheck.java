package io.firedrill.bootstrap.axon;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the Axon configuration runs: commands sent before start or after shutdown would fail. */
@Readiness
@ApplicationScoped
public class AxonReadinessCheck implements HealthCheck {

    private final AxonRuntime axon;

    AxonReadinessCheck(AxonRuntime axon) {
        this.axon = axon;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("axon").status(axon.running()).build();
    }
}

package io.firedrill.application.port.in.alert;

import io.firedrill.domain.alert.IncomingAlert;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Stores a delivery of alerts as one fact, classified with the integration's settings of the moment. The future
 * completes once the fact is committed to the event log, so a sender that gets its answer can forget the alerts:
 * nothing accepted is lost, and grouping them into incidents happens afterwards from the log. A redelivery of the
 * same payload is stored once.
 */
public interface AlertIntake {

    /**
     * @param payloadDigest a digest of the raw payload bytes (hex SHA-256), which identifies redeliveries
     * @param truncatedAlerts how many alerts the source left out of the payload
     */
    CompletableFuture<Delivery> receive(Integration integration, List<IncomingAlert> alerts, int truncatedAlerts,
                                        String payloadDigest);
}

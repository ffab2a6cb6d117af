package io.firedrill.application.port.in.alert;

import java.util.UUID;

/**
 * A delivery of alerts that is durably stored.
 *
 * @param id the delivery's id: the same for a redelivery of the same payload, which is stored once
 * @param alerts how many alerts it held
 */
public record Delivery(UUID id, int alerts) {
}

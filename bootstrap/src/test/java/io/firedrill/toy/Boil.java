package io.firedrill.toy;

/** The toy concept's one command: boil {@code litres} of water in the kettle (filling it first if it is empty). */
public record Boil(String kettleId, int litres) {
}

package io.firedrill.toy;

import java.time.Instant;

/** A toy concept's facts: a kettle is filled, then boiled. */
public sealed interface KettleEvent {

    String kettleId();

    /**
     * The kettle was filled. Stored as {@code toy.KettleFilled} version 2; version 1 called the field {@code liters}
     * and is read through the slice's upcaster.
     */
    record KettleFilled(String kettleId, int litres, Instant at) implements KettleEvent {
    }

    /** The water boiled. */
    record KettleBoiled(String kettleId, Instant at) implements KettleEvent {
    }
}

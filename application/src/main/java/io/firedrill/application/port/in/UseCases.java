package io.firedrill.application.port.in;

/**
 * The use cases the slices provide, by the type adapters call them through. An adapter asks once, when it is
 * built, for each use case it calls; a type no slice provides is a wiring error at start-up.
 */
public interface UseCases {

    /** The use case of {@code type}. */
    <T> T get(Class<T> type);
}

package io.firedrill.application.command;

import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.conversion.Converter;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventstreaming.EventCriteria;

/**
 * One event-sourced concept (an incident, an action item, a postmortem) as {@link SourcedCommandHandler}
 * needs it: how its events are found, read and folded, its domain decide function, and the stored names of
 * what it appends. Implemented once per slice, over the domain's pure functions.
 *
 * @param <C> its commands
 * @param <E> its events
 * @param <S> its state
 */
public interface SourcedModel<C, E, S> {

    /** What clients call one of these ({@code incident}, {@code action item}), for messages. */
    String subject();

    /** The criteria that select the events of the subject the command is about, within the tenant. */
    EventCriteria criteria(TenantId tenant, C command);

    /** The event a stored or in-flight message carries, if it is one of this concept's. */
    Optional<E> eventOf(EventMessage message, Converter converter);

    /** The state of a subject with no events. */
    S empty();

    /** The state after one more event. */
    S evolve(S state, E event);

    /** The state after {@code events}, from nothing. */
    default S fold(List<E> events) {
        return fold(empty(), events);
    }

    /** The state after {@code events}, from {@code state}. */
    default S fold(S state, List<E> events) {
        S next = state;
        for (E event : events) {
            next = evolve(next, event);
        }
        return next;
    }

    /** Whether the state is of a subject that exists (was created). */
    boolean exists(S state);

    /** Whether the command creates its subject (the only kind allowed on a subject that does not exist). */
    boolean creates(C command);

    /** The failure for a command about a subject that does not exist. */
    RuntimeException notFound(C command);

    /** The state's version: the number of events folded into it. */
    long version(S state);

    /** The domain's decision: the events the command causes on the state at {@code now}, or a rule violation. */
    List<E> decide(C command, S state, Instant now);

    /** The stored name of an event. */
    MessageType typeOf(E event);

    /** When the event is recorded, the stored event's timestamp. */
    Instant recordedAt(E event);

    /** The name of the command result message. */
    MessageType resultType();
}

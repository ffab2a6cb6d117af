package io.firedrill.application.slice;

import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.eventstreaming.EventCriteria;

/**
 * One event-sourced concept (an incident, an action item, a postmortem) as {@link SourcedCommandHandler} needs
 * it: which events make up the subject a command is about, the domain's decider over them, and what a missing
 * subject is. Most slices describe theirs with {@link #builder}; the stored names of what it reads and appends
 * come from the slices' tables, not from here.
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

    /** The state after {@code events}, from {@code state}. */
    S fold(S state, List<E> events);

    /** The state of a subject with no events. */
    S empty();

    /** Whether the state is of a subject that exists (was created). */
    boolean exists(S state);

    /** Whether the command creates its subject (the only kind allowed on a subject that does not exist). */
    boolean creates(C command);

    /** The failure for a command about a subject that does not exist. */
    RuntimeException notFound(C command);

    /** The state's version: the number of events folded into it. */
    long version(S state);

    /**
     * What a cached state weighs against the command state cache's bound ({@link SubjectStates}): the events folded
     * into it, by default its version. A state folded from more than one subject's events must count them all.
     */
    default long weight(S state) {
        return version(state);
    }

    /** The domain's decision: the events the command causes on the state at {@code now}, or a rule violation. */
    List<E> decide(C command, S state, Instant now);

    /** When the event is recorded, the stored event's timestamp. */
    Instant recordedAt(E event);

    /** The name of the command result message. */
    MessageType resultType();

    /** Describes a concept by its decider's functions. */
    static <C, E, S> Builder<C, E, S> builder(String subject, EventTypes<?> types) {
        return new Builder<>(subject, types);
    }

    /** The functions of a decider, gathered into a {@link SourcedModel}. */
    final class Builder<C, E, S> {

        private final String subject;
        private final EventTypes<?> types;
        private BiFunction<TenantId, C, EventCriteria> criteria;
        private S initial;
        private BiFunction<S, List<E>, S> fold;
        private Predicate<S> exists = state -> true;
        private Predicate<C> creates = command -> true;
        private Function<C, RuntimeException> notFound = command -> new IllegalStateException("always exists");
        private ToLongFunction<S> version;
        private Decide<C, E, S> decide;
        private Function<E, Instant> recordedAt;

        private Builder(String subject, EventTypes<?> types) {
            this.subject = subject;
            this.types = types;
        }

        /** The decision: events, or a rule violation. */
        @FunctionalInterface
        public interface Decide<C, E, S> {
            List<E> decide(C command, S state, Instant now);
        }

        public Builder<C, E, S> criteria(BiFunction<TenantId, C, EventCriteria> criteria) {
            this.criteria = criteria;
            return this;
        }

        /** The initial state and the fold (one mutable draft per fold, never a copy per event). */
        public Builder<C, E, S> state(S initial, BiFunction<S, List<E>, S> fold, ToLongFunction<S> version) {
            this.initial = initial;
            this.fold = fold;
            this.version = version;
            return this;
        }

        /** The initial state and evolve, folded one event after the other. */
        public Builder<C, E, S> evolving(S initial, BiFunction<S, E, S> evolve, ToLongFunction<S> version) {
            return state(initial, (state, events) -> {
                S next = state;
                for (E event : events) {
                    next = evolve.apply(next, event);
                }
                return next;
            }, version);
        }

        /** The decide function. */
        public Builder<C, E, S> decide(Decide<C, E, S> decide) {
            this.decide = decide;
            return this;
        }

        /**
         * A subject that must be created first: {@code exists} tells a created one, {@code creates} the
         * commands that create it, {@code notFound} the failure for any other command on a missing subject.
         */
        public Builder<C, E, S> createdBy(Predicate<C> creates, Predicate<S> exists, Function<C, RuntimeException> notFound) {
            this.creates = creates;
            this.exists = exists;
            this.notFound = notFound;
            return this;
        }

        /** When an event is recorded (its stored timestamp). */
        public Builder<C, E, S> recordedAt(Function<E, Instant> recordedAt) {
            this.recordedAt = recordedAt;
            return this;
        }

        public SourcedModel<C, E, S> build() {
            Objects.requireNonNull(criteria, "criteria");
            Objects.requireNonNull(fold, "state");
            Objects.requireNonNull(decide, "decide");
            Objects.requireNonNull(recordedAt, "recordedAt");
            MessageType result = types.resultType();
            String subject = this.subject;
            BiFunction<TenantId, C, EventCriteria> criteria = this.criteria;
            S initial = this.initial;
            BiFunction<S, List<E>, S> fold = this.fold;
            Predicate<S> exists = this.exists;
            Predicate<C> creates = this.creates;
            Function<C, RuntimeException> notFound = this.notFound;
            ToLongFunction<S> version = this.version;
            Decide<C, E, S> decide = this.decide;
            Function<E, Instant> recordedAt = this.recordedAt;
            return new SourcedModel<>() {
                @Override
                public String subject() {
                    return subject;
                }

                @Override
                public EventCriteria criteria(TenantId tenant, C command) {
                    return criteria.apply(tenant, command);
                }

                @Override
                public S fold(S state, List<E> events) {
                    return fold.apply(state, events);
                }

                @Override
                public S empty() {
                    return initial;
                }

                @Override
                public boolean exists(S state) {
                    return exists.test(state);
                }

                @Override
                public boolean creates(C command) {
                    return creates.test(command);
                }

                @Override
                public RuntimeException notFound(C command) {
                    return notFound.apply(command);
                }

                @Override
                public long version(S state) {
                    return version.applyAsLong(state);
                }

                @Override
                public List<E> decide(C command, S state, Instant now) {
                    return decide.decide(command, state, now);
                }

                @Override
                public Instant recordedAt(E event) {
                    return recordedAt.apply(event);
                }

                @Override
                public MessageType resultType() {
                    return result;
                }
            };
        }
    }
}

package io.firedrill.application.slice;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;
import org.axonframework.messaging.eventstreaming.EventCriteria;

/**
 * The states that commands of one concept decided over recently, one per subject (the criteria that select its events),
 * each with the consistency marker it is folded up to: a command sources only the subject's events after that marker
 * and folds them onto the cached state, so a command on an incident with ten thousand alert facts reads and folds
 * what is new, not the whole history.
 *
 * <p>Why a cached state stays right: the log is append-only and positions follow commit order, so the fold of every
 * matching event at or below a marker never changes. Whatever was appended since, by this instance or any other, is
 * in the events after the marker, which every command reads; the append condition is the head read with them, exactly
 * as when the whole history is sourced. A stale entry costs a longer read, never a wrong decision.
 *
 * <p>With each state goes the set of idempotent requests (key and fingerprint) whose events are in the subject's log.
 * It only grows, and only with events read from the log (committed), so it is shared by every entry of the subject.
 *
 * <p>Bounded by weight: the number of events folded into the cached states ({@link CommandSettings#caches}). A
 * weight of 0 caches nothing: every command sources its subject's whole history.
 */
final class SubjectStates<S> {

    /** A subject's state folded up to {@code marker}, and its applied requests. */
    record Cached<S>(S state, long marker, Set<String> applied) {
    }

    /**
     * The caches of every command module of one configuration. A command that reads the log after taking a cached
     * state, and finds the log's head below that state's marker, saw the log go back (the database lost commits: a
     * failover to a replica that missed them, a restore): every cached state, of every module, may hold events the log
     * no longer has, and all are forgotten. (Comparing heads of concurrent reads instead would see the log go back
     * whenever an earlier read finished later.)
     */
    static final class Shared {

        private final List<SubjectStates<?>> all = new CopyOnWriteArrayList<>();

        void forgetAll() {
            all.forEach(SubjectStates::forget);
        }
    }

    private final ConcurrentMap<EventCriteria, Cached<S>> cache;

    SubjectStates(CommandSettings settings, ToLongFunction<S> weight, Shared shared) {
        this.cache = settings.cachedEvents() == 0 ? null : settings.caches().bounded(settings.cachedEvents(),
                cached -> (int) Math.min(Integer.MAX_VALUE, Math.max(1, weight.applyAsLong(cached.state()))));
        shared.all.add(this);
    }

    /** The subject's cached state, or null. */
    Cached<S> get(EventCriteria criteria) {
        return cache == null ? null : cache.get(criteria);
    }

    /**
     * Remembers {@code state}, folded up to {@code marker}, unless a state folded further is cached already, and adds
     * {@code appliedNow} to the subject's applied requests.
     *
     * @param earlier the entry the state was folded from (its applied requests carry over), or null
     * @return the subject's applied requests, {@code appliedNow} among them
     */
    Set<String> remember(EventCriteria criteria, Cached<S> earlier, S state, long marker, Collection<String> appliedNow) {
        Set<String> applied = earlier != null ? earlier.applied() : ConcurrentHashMap.newKeySet();
        applied.addAll(appliedNow);
        if (cache == null) {
            return applied;
        }
        Cached<S> kept = cache.merge(criteria, new Cached<>(state, marker, applied),
                (current, offered) -> offered.marker() > current.marker() ? offered : current);
        if (kept.applied() != applied) {
            kept.applied().addAll(applied);
            return kept.applied();
        }
        return applied;
    }

    private void forget() {
        if (cache != null) {
            cache.clear();
        }
    }

    /** How requests are told apart in the applied set. */
    static String request(String idempotencyKey, String requestHash) {
        return idempotencyKey + '\n' + requestHash;
    }
}

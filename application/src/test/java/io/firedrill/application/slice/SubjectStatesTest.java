package io.firedrill.application.slice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.Tag;
import org.junit.jupiter.api.Test;

/** The cache of subject states commands decide over: what it keeps, what it forgets, what a state weighs. */
class SubjectStatesTest {

    private static final EventCriteria SUBJECT = EventCriteria.havingTags(Tag.of("incidentId", "a"));
    private static final EventCriteria OTHER = EventCriteria.havingTags(Tag.of("incidentId", "b"));

    /** Unbounded maps that remember how they weigh their values. */
    private static final class RecordingMaps implements CommandSettings.BoundedMaps {
        final AtomicReference<ToIntFunction<Object>> weigher = new AtomicReference<>();
        long maximum;

        @Override
        @SuppressWarnings("unchecked")
        public <K, V> ConcurrentMap<K, V> bounded(long maximumWeight, ToIntFunction<V> weigher) {
            this.maximum = maximumWeight;
            this.weigher.set(value -> weigher.applyAsInt((V) value));
            return new ConcurrentHashMap<>();
        }
    }

    private static SubjectStates<String> states(long cachedEvents, RecordingMaps maps, SubjectStates.Shared shared) {
        return new SubjectStates<>(new CommandSettings(Clock.systemUTC(), cachedEvents, Runnable::run, maps),
                state -> state.length(), shared);
    }

    @Test
    void aStateFoldedLessFarNeverReplacesOneFoldedFurther_andTheAppliedRequestsCarryOver() {
        SubjectStates<String> states = states(100, new RecordingMaps(), new SubjectStates.Shared());
        states.remember(SUBJECT, null, "ab", 10, List.of("k1\nh1"));
        SubjectStates.Cached<String> first = states.get(SUBJECT);
        states.remember(SUBJECT, first, "abc", 12, List.of("k2\nh2"));
        states.remember(SUBJECT, first, "abX", 11, List.of());

        assertThat(states.get(SUBJECT).state()).isEqualTo("abc");
        assertThat(states.get(SUBJECT).marker()).isEqualTo(12);
        assertThat(states.get(SUBJECT).applied()).contains("k1\nh1", "k2\nh2");
        assertThat(states.get(OTHER)).isNull();
    }

    @Test
    void aStateWeighsWhatTheModelSays_andTheBoundIsTheSetting() {
        RecordingMaps maps = new RecordingMaps();
        SubjectStates<String> states = states(500, maps, new SubjectStates.Shared());
        states.remember(SUBJECT, null, "abcd", 4, List.of());

        assertThat(maps.maximum).isEqualTo(500);
        assertThat(maps.weigher.get().applyAsInt(states.get(SUBJECT))).isEqualTo(4);
        assertThat(maps.weigher.get().applyAsInt(new SubjectStates.Cached<>("", 0, Set.of())))
                .as("nothing weighs less than one").isEqualTo(1);
    }

    @Test
    void withACacheOfNoEvents_nothingIsKept() {
        RecordingMaps maps = new RecordingMaps();
        SubjectStates<String> states = states(0, maps, new SubjectStates.Shared());
        states.remember(SUBJECT, null, "ab", 10, List.of("k1\nh1"));

        assertThat(states.get(SUBJECT)).isNull();
        assertThat(maps.weigher.get()).as("no map was made").isNull();
    }

    @Test
    void forgettingForgetsTheStatesOfEveryModuleOfTheConfiguration() {
        SubjectStates.Shared shared = new SubjectStates.Shared();
        SubjectStates<String> incidents = states(100, new RecordingMaps(), shared);
        SubjectStates<String> actionItems = states(100, new RecordingMaps(), shared);
        SubjectStates<String> elsewhere = states(100, new RecordingMaps(), new SubjectStates.Shared());
        incidents.remember(SUBJECT, null, "ab", 10, List.of());
        actionItems.remember(OTHER, null, "cd", 11, List.of());
        elsewhere.remember(SUBJECT, null, "ef", 12, List.of());

        shared.forgetAll();

        assertThat(incidents.get(SUBJECT)).isNull();
        assertThat(actionItems.get(OTHER)).isNull();
        assertThat(elsewhere.get(SUBJECT).state()).as("another configuration's state stays").isEqualTo("ef");
        assertThat(elsewhere.get(SUBJECT).marker()).isEqualTo(12);
    }
}

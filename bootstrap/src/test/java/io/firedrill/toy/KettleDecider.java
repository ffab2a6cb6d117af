package io.firedrill.toy;

import io.firedrill.domain.shared.RuleViolation;
import io.firedrill.toy.KettleEvent.KettleBoiled;
import io.firedrill.toy.KettleEvent.KettleFilled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The toy concept's decider: pure functions over its state. */
public final class KettleDecider {

    /** A kettle: how much water it holds, how often it boiled, how many facts it has. */
    public record Kettle(int litres, int boils, long version) {
        public static final Kettle EMPTY = new Kettle(0, 0, 0);
    }

    /** The toy's one rule. */
    public enum Rule implements RuleViolation.Rule {
        TOO_MUCH_WATER;

        @Override
        public String code() {
            return name();
        }

        @Override
        public String sentence() {
            return "A kettle holds at most 2 litres.";
        }
    }

    /** More water than a kettle holds. */
    public static final class TooMuchWater extends RuleViolation {

        TooMuchWater(int litres) {
            super(KettleDecider.Rule.TOO_MUCH_WATER, "A kettle holds at most 2 litres, not " + litres + ".");
        }

        @Override
        public Map<String, String> problemFields() {
            return Map.of("litres", sentence());
        }
    }

    private KettleDecider() {
    }

    public static List<KettleEvent> decide(Boil command, Kettle state, Instant now) {
        if (command.litres() > 2) {
            throw new TooMuchWater(command.litres());
        }
        List<KettleEvent> events = new ArrayList<>();
        if (state.litres() == 0) {
            events.add(new KettleFilled(command.kettleId(), command.litres(), now));
        }
        events.add(new KettleBoiled(command.kettleId(), now));
        return events;
    }

    public static Kettle evolve(Kettle state, KettleEvent event) {
        return switch (event) {
            case KettleFilled filled -> new Kettle(filled.litres(), state.boils(), state.version() + 1);
            case KettleBoiled boiled -> new Kettle(state.litres(), state.boils() + 1, state.version() + 1);
        };
    }

    public static Kettle fold(Kettle state, List<KettleEvent> events) {
        Kettle next = state;
        for (KettleEvent event : events) {
            next = evolve(next, event);
        }
        return next;
    }
}

package io.firedrill.domain.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Given–when–then over events: {@code given(history).when(command, now).then(expected events)} or
 * {@code .thenRejectedWith(rule)}. {@code then} returns the state after the new events for further checks.
 */
final class IncidentSpec {

    private IncidentSpec() {
    }

    static Given given(IncidentEvent... history) {
        return new Given(List.of(history));
    }

    record Given(List<IncidentEvent> history) {

        When when(IncidentCommand command, Instant now) {
            return new When(history, command, now);
        }
    }

    record When(List<IncidentEvent> history, IncidentCommand command, Instant now) {

        Incident then(IncidentEvent... expected) {
            Incident state = IncidentDecider.fold(history);
            List<IncidentEvent> actual = IncidentDecider.decide(command, state, now);
            assertThat(actual).isEqualTo(List.of(expected));
            List<IncidentEvent> all = new ArrayList<>(history);
            all.addAll(actual);
            return IncidentDecider.fold(all);
        }

        Incident thenNothingHappens() {
            return then();
        }

        IncidentRuleViolation thenRejectedWith(IncidentRuleViolation.Rule rule) {
            Incident state = IncidentDecider.fold(history);
            IncidentRuleViolation violation = catchThrowableOfType(IncidentRuleViolation.class,
                    () -> IncidentDecider.decide(command, state, now));
            assertThat(violation).as("decide must refuse %s", command).isNotNull();
            assertThat(violation.rule()).isEqualTo(rule);
            return violation;
        }
    }
}

package io.firedrill.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.notification.RouteSettings.Traffic;
import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which notices a route carries: type, severity at least, any of the services, and drill traffic only by choice. */
class RouteSettingsTest {

    private static final ChannelId CHANNEL = new ChannelId(UUID.randomUUID());

    private static Notice incident(NoticeType type, String severity, List<String> services, boolean drill) {
        return new Notice(type, Instant.EPOCH, "alice", drill, new Notice.Incident("i", "INC-2026-0001", "t", null,
                severity, null, "DETECTED", services, "alice", null, Instant.EPOCH), null, null, 1, null);
    }

    private static Notice drillRun() {
        return new Notice(NoticeType.DRILL_RUN_FINISHED, Instant.EPOCH, "carol", true, null,
                new Notice.Subject("drill-run", "r", "failover", "carol", null, "PASSED"), null, 1, null);
    }

    @Test
    void aRouteCarriesItsTypes_atLeastItsSeverity_andAnyOfItsServices() {
        RouteSettings route = new RouteSettings("p1 checkout", CHANNEL,
                Set.of(NoticeType.INCIDENT_DECLARED, NoticeType.INCIDENT_RESOLVED), Severity.P1,
                Set.of("checkout", "cart"), null);
        assertThat(route.traffic()).isEqualTo(Traffic.PRODUCTION);
        assertThat(route.carries(incident(NoticeType.INCIDENT_DECLARED, "P0", List.of("checkout"), false), false)).isTrue();
        assertThat(route.carries(incident(NoticeType.INCIDENT_DECLARED, "P1", List.of("web", "cart"), false), false)).isTrue();
        assertThat(route.carries(incident(NoticeType.INCIDENT_DECLARED, "P2", List.of("checkout"), false), false)).isFalse();
        assertThat(route.carries(incident(NoticeType.INCIDENT_DECLARED, "P0", List.of("web"), false), false)).isFalse();
        assertThat(route.carries(incident(NoticeType.INCIDENT_ACKNOWLEDGED, "P0", List.of("checkout"), false), false))
                .isFalse();
    }

    @Test
    void drillTraffic_goesOnlyWhereTheRouteAndTheChannelBothWantIt() {
        Notice drill = incident(NoticeType.INCIDENT_DECLARED, "P1", List.of("checkout"), true);
        Notice production = incident(NoticeType.INCIDENT_DECLARED, "P1", List.of("checkout"), false);
        Set<NoticeType> types = Set.of(NoticeType.INCIDENT_DECLARED, NoticeType.DRILL_RUN_FINISHED);
        RouteSettings productionOnly = new RouteSettings("a", CHANNEL, types, null, null, Traffic.PRODUCTION);
        RouteSettings drillsOnly = new RouteSettings("b", CHANNEL, types, null, null, Traffic.DRILLS);
        RouteSettings both = new RouteSettings("c", CHANNEL, types, null, null, Traffic.BOTH);

        assertThat(productionOnly.carries(drill, true)).isFalse();
        assertThat(productionOnly.carries(production, true)).isTrue();
        assertThat(drillsOnly.carries(production, true)).isFalse();
        assertThat(drillsOnly.carries(drill, true)).isTrue();
        assertThat(drillsOnly.carries(drill, false)).isFalse();
        assertThat(both.carries(drill, false)).isFalse();
        assertThat(both.carries(drillRun(), true)).isTrue();
        // a drill run has no incident: severity and services do not hold it back
        RouteSettings severe = new RouteSettings("d", CHANNEL, types, Severity.P0, Set.of("payments"), Traffic.BOTH);
        assertThat(severe.carries(drillRun(), true)).isTrue();
    }

    @Test
    void invalidSettings_nameTheirField() {
        assertThatThrownBy(() -> new RouteSettings("x", CHANNEL, Set.of(), null, null, null))
                .hasMessageStartingWith("types ");
        assertThatThrownBy(() -> new RouteSettings("x", null, Set.of(NoticeType.INCIDENT_DECLARED), null, null, null))
                .hasMessageStartingWith("channelId ");
        assertThatThrownBy(() -> new RouteSettings(" ", CHANNEL, Set.of(NoticeType.INCIDENT_DECLARED), null, null, null))
                .hasMessageStartingWith("name ");
        assertThatThrownBy(() -> new RouteSettings("x", CHANNEL, Set.of(NoticeType.INCIDENT_DECLARED), null,
                Set.of("a,b"), null)).hasMessageStartingWith("services ");
    }
}

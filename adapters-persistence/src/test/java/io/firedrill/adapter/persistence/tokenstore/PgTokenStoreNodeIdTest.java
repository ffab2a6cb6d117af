package io.firedrill.adapter.persistence.tokenstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two instances in containers can share {@code pid@hostname} (pid 1, the same host name): as one node they would take
 * each other's claims for their own and work on the same segments at once (issue 20, item 7).
 */
class PgTokenStoreNodeIdTest {

    @Test
    void givenNoConfiguredNodeId_thenEachStoreNamesItselfApart_afterItsProcessAndHost() {
        PgTokenStore first = new PgTokenStore(null, Optional.empty(), Duration.ofSeconds(30));
        PgTokenStore second = new PgTokenStore(null, Optional.empty(), Duration.ofSeconds(30));

        assertThat(first.nodeId()).isNotEqualTo(second.nodeId())
                .startsWith(ManagementFactory.getRuntimeMXBean().getName() + "-");
        assertThat(second.nodeId()).startsWith(ManagementFactory.getRuntimeMXBean().getName() + "-");
    }

    @Test
    void givenAConfiguredNodeId_thenItIsUsedAsGiven() {
        assertThat(new PgTokenStore(null, Optional.of("node-7"), Duration.ofSeconds(30)).nodeId()).isEqualTo("node-7");
    }
}

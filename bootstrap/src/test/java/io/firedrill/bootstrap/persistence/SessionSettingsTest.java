package io.firedrill.bootstrap.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runtime pool's sessions carry Firedrill's settings: statement timeout, and no JIT compilation of queries. */
@QuarkusTest
class SessionSettingsTest {

    @Inject
    Pool pool;

    @Test
    void everyPooledSessionHasNoJitAndAStatementTimeout() throws Exception {
        String jit = show("jit");
        String timeout = show("statement_timeout");

        assertThat(jit).isEqualTo("off");
        assertThat(timeout).isEqualTo("30s");
    }

    private String show(String setting) throws Exception {
        return pool.query("SHOW " + setting).execute()
                .map(rows -> rows.iterator().next().getString(0))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}

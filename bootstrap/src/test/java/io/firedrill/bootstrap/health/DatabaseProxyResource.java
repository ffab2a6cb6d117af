package io.firedrill.bootstrap.health;

import io.firedrill.bootstrap.config.DatabaseUrl;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** Starts Firedrill against a {@link TcpProxy} in front of the test database. */
public class DatabaseProxyResource implements QuarkusTestResourceLifecycleManager {

    static TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        String url = System.getenv("FIREDRILL_TEST_DB_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("FIREDRILL_TEST_DB_URL is not set; run the tests with ./firedrill test");
        }
        DatabaseUrl database = DatabaseUrl.parse("FIREDRILL_TEST_DB_URL", url);
        proxy = new TcpProxy(database.host(), database.port());
        try {
            proxy.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DatabaseUrl proxied = new DatabaseUrl("127.0.0.1", proxy.port(), database.database(), database.user(),
                database.password(), database.parameters());
        return new HashMap<>(proxied.quarkusProperties("%test."));
    }

    @Override
    public void stop() {
        try {
            proxy.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.firedrill.bootstrap.config;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Maps {@code FIREDRILL_DB_URL} (and, for the test profile, {@code FIREDRILL_TEST_DB_URL}) onto the
 * Quarkus datasource properties. Its ordinal sits between {@code application.properties} (250) and
 * environment variables (300), so an operator can still override a single Quarkus property.
 *
 * <p>The production URL is given to the {@code prod} and {@code dev} profiles only, and tests read only
 * {@code FIREDRILL_TEST_DB_URL}: a production URL in the shell of someone running the test suite is
 * never used by it.
 */
public class DatabaseUrlConfigSource implements ConfigSource {

    static final String DB_URL = "FIREDRILL_DB_URL";
    static final String TEST_DB_URL = "FIREDRILL_TEST_DB_URL";

    private final Map<String, String> properties;

    public DatabaseUrlConfigSource() {
        this(name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(name);
        });
    }

    DatabaseUrlConfigSource(Function<String, String> environment) {
        var properties = new java.util.LinkedHashMap<String, String>();
        String production = environment.apply(DB_URL);
        if (production != null && !production.isBlank()) {
            DatabaseUrl url = DatabaseUrl.parse(DB_URL, production);
            properties.putAll(url.quarkusProperties("%prod."));
            properties.putAll(url.quarkusProperties("%dev."));
        }
        String test = environment.apply(TEST_DB_URL);
        if (test != null && !test.isBlank()) {
            properties.putAll(DatabaseUrl.parse(TEST_DB_URL, test).quarkusProperties("%test."));
        }
        this.properties = Map.copyOf(properties);
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "firedrill-database-url";
    }

    @Override
    public int getOrdinal() {
        return 275;
    }
}

package io.firedrill.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseUrlConfigSourceTest {

    @Test
    void aProductionUrlConfiguresTheReactiveAndTheMigrationDatasource() {
        var source = new DatabaseUrlConfigSource(Map.of(
                "FIREDRILL_DB_URL", "postgresql://fire%40drill:s3cr%3At@db.internal:6543/firedrill?sslmode=require")::get);

        assertThat(source.getValue("%prod.quarkus.datasource.reactive.url"))
                .isEqualTo("postgresql://db.internal:6543/firedrill?sslmode=require");
        assertThat(source.getValue("%prod.quarkus.datasource.jdbc.url"))
                .isEqualTo("jdbc:postgresql://db.internal:6543/firedrill?sslmode=require");
        assertThat(source.getValue("%prod.quarkus.datasource.username")).isEqualTo("fire@drill");
        assertThat(source.getValue("%prod.quarkus.datasource.password")).isEqualTo("s3cr:t");
    }

    @Test
    void testsNeverSeeTheProductionUrl() {
        var source = new DatabaseUrlConfigSource(Map.of(
                "FIREDRILL_DB_URL", "postgresql://prod:pw@prod-db/firedrill")::get);

        assertThat(source.getPropertyNames()).noneMatch(name -> name.startsWith("%test."));
        assertThat(source.getPropertyNames()).noneMatch(name -> !name.startsWith("%"));
    }

    @Test
    void theTestUrlConfiguresTheTestProfileOnly() {
        var source = new DatabaseUrlConfigSource(Map.of(
                "FIREDRILL_TEST_DB_URL", "postgres://t:pw@127.0.0.1:25432/firedrill_test")::get);

        assertThat(source.getPropertyNames()).allMatch(name -> name.startsWith("%test."));
        assertThat(source.getValue("%test.quarkus.datasource.reactive.url"))
                .isEqualTo("postgresql://127.0.0.1:25432/firedrill_test");
    }

    @Test
    void thePortDefaultsTo5432() {
        assertThat(DatabaseUrl.parse("FIREDRILL_DB_URL", "postgresql://db/firedrill").port()).isEqualTo(5432);
    }

    @Test
    void aMalformedUrlIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> new DatabaseUrlConfigSource(Map.of("FIREDRILL_DB_URL", "mysql://db/x")::get))
                .hasMessageContaining("FIREDRILL_DB_URL")
                .hasMessageContaining("postgresql://");
        assertThatThrownBy(() -> DatabaseUrl.parse("FIREDRILL_DB_URL", "postgresql://db"))
                .hasMessageContaining("database");
        assertThatThrownBy(() -> DatabaseUrl.parse("FIREDRILL_DB_URL", "postgresql://db/x?sslmode"))
                .hasMessageContaining("name=value");
    }

    @Test
    void thePasswordNeverAppearsInTheDescription() {
        assertThat(DatabaseUrl.parse("FIREDRILL_DB_URL", "postgresql://u:hunter2@db/x").toString())
                .doesNotContain("hunter2");
    }
}

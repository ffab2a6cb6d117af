package io.firedrill.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.puppycrawl.tools.checkstyle.Checker;
import com.puppycrawl.tools.checkstyle.ConfigurationLoader;
import com.puppycrawl.tools.checkstyle.PropertiesExpander;
import com.puppycrawl.tools.checkstyle.api.AuditEvent;
import com.puppycrawl.tools.checkstyle.api.AuditListener;
import com.puppycrawl.tools.checkstyle.api.CheckstyleException;
import com.puppycrawl.tools.checkstyle.api.SeverityLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source-level half of the architecture guard (build-tools/architecture), which runs before
 * compilation: a forbidden import fails the build with the name of the rule it breaks, even when
 * the import would not compile or is unused.
 */
class ArchitectureGuardTest {

    private static final Path RULES = Path.of("..", "build-tools", "architecture").toAbsolutePath().normalize();

    @TempDir
    Path sources;

    @Test
    void aQuarkusImportInTheDomainBreaksDomainIsPureJava() throws Exception {
        List<String> errors = check("domain", "io/firedrill/domain/shared/Clocked.java", """
                package io.firedrill.domain.shared;

                import io.quarkus.runtime.Startup;

                final class Clocked {
                }
                """);
        assertThat(errors).singleElement().asString()
                .startsWith("Architecture rule domain_is_pure_java is broken")
                .contains("io.quarkus.runtime.Startup");
    }

    @Test
    void readingTheClockInTheDomainBreaksDomainNeverReadsTheClock() throws Exception {
        List<String> errors = check("domain", "io/firedrill/domain/shared/Clocked.java", """
                package io.firedrill.domain.shared;

                import java.time.Instant;
                import java.util.UUID;

                final class Clocked {
                    Instant at = Instant.now();
                    UUID id = UUID.randomUUID();
                    Instant fine(java.time.Clock clock) { return Instant.now(clock); }
                }
                """);
        assertThat(errors).hasSize(2)
                .allSatisfy(e -> assertThat(e).startsWith("Architecture rule domain_never_reads_the_clock is broken"));
    }

    @Test
    void jaxRsInTheApplicationBreaksApplicationUsesOnlyDomainAndAxon() throws Exception {
        List<String> errors = check("application", "io/firedrill/application/Handler.java", """
                package io.firedrill.application;

                import io.firedrill.domain.shared.Actor;
                import org.axonframework.messaging.commandhandling.gateway.CommandGateway;
                import jakarta.ws.rs.GET;
                import java.sql.Connection;

                final class Handler {
                }
                """);
        assertThat(errors).hasSize(2)
                .allSatisfy(e -> assertThat(e).startsWith("Architecture rule application_uses_only_domain_and_axon is broken"));
        assertThat(String.join("\n", errors)).contains("jakarta.ws.rs.GET", "java.sql.Connection");
    }

    @Test
    void oneAdapterImportingAnotherBreaksAdaptersDoNotDependOnEachOther() throws Exception {
        List<String> errors = check("adapter", "io/firedrill/adapter/rest/Resource.java", """
                package io.firedrill.adapter.rest;

                import io.firedrill.adapter.rest.problem.Problem;
                import io.firedrill.adapter.persistence.health.DatabaseReadinessCheck;
                import io.firedrill.bootstrap.axon.AxonRuntime;
                import jakarta.ws.rs.GET;

                final class Resource {
                }
                """);
        assertThat(errors).hasSize(2)
                .allSatisfy(e -> assertThat(e).startsWith("Architecture rule adapters_do_not_depend_on_each_other is broken"));
        assertThat(String.join("\n", errors)).contains("adapter.persistence", "bootstrap.axon");
    }

    private List<String> check(String layer, String path, String source) throws IOException, CheckstyleException {
        Path file = sources.resolve("src/main/java").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);

        Properties properties = new Properties();
        properties.setProperty("arch.dir", RULES.toString());
        var configuration = ConfigurationLoader.loadConfiguration(
                RULES.resolve(layer + "-checks.xml").toString(), new PropertiesExpander(properties));
        List<String> errors = new ArrayList<>();
        Checker checker = new Checker();
        checker.setModuleClassLoader(Checker.class.getClassLoader());
        checker.configure(configuration);
        checker.addListener(new AuditListener() {
            @Override public void auditStarted(AuditEvent event) { }
            @Override public void auditFinished(AuditEvent event) { }
            @Override public void fileStarted(AuditEvent event) { }
            @Override public void fileFinished(AuditEvent event) { }
            @Override public void addException(AuditEvent event, Throwable throwable) {
                errors.add("exception: " + throwable);
            }
            @Override public void addError(AuditEvent event) {
                if (event.getSeverityLevel() == SeverityLevel.ERROR) {
                    errors.add(event.getMessage());
                }
            }
        });
        try {
            checker.process(List.of(file.toFile()));
        } finally {
            checker.destroy();
        }
        return errors;
    }
}

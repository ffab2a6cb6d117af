package io.firedrill.bootstrap;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts Firedrill, refusing at once, with one actionable line, when no database is configured. With the arguments
 * {@code admin create-token …} it runs {@link AdminCommand} instead: no HTTP listener, no processors, no jobs.
 */
@QuarkusMain
public final class FiredrillMain {

    private FiredrillMain() {
    }

    public static void main(String... args) {
        boolean configured = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.datasource.reactive.url", String.class)
                .isPresent();
        if (!configured) {
            // Logging is not set up before Quarkus.run, so the one line goes straight to stderr.
            System.err.println("firedrill: no database configured: set FIREDRILL_DB_URL to"
                    + " postgresql://user:password@host:port/database, or start Firedrill with ./firedrill up,"
                    + " which runs a private PostgreSQL (see README.md).");
            System.exit(2);
        }
        if (args.length > 0 && args[0].equals("admin")) {
            AdminCommand.SETTINGS.forEach((key, value) -> {
                if (System.getProperty(key) == null) {
                    System.setProperty(key, value);
                }
            });
            Quarkus.run(AdminCommand.class, args);
            return;
        }
        Quarkus.run(args);
    }
}

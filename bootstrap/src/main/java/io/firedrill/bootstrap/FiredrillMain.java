package io.firedrill.bootstrap;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.eclipse.microprofile.config.ConfigProvider;

/** Starts Firedrill, refusing at once, with one actionable line, when no database is configured. */
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
        Quarkus.run(args);
    }
}

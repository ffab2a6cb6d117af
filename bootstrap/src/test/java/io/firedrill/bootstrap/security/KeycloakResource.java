package io.firedrill.bootstrap.security;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * A real identity provider for the OIDC tests: the Keycloak server distribution that the build unpacks from the
 * Maven registry into {@code target/keycloak} ({@code firedrill.keycloak.home}), started in development mode on a
 * free port with the realms of {@code src/test/resources/keycloak} imported. Its first start on a machine builds
 * Keycloak and takes about 40 s; nothing is downloaded at run time.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    static final String REALM = "firedrill";
    static final String OTHER_REALM = "elsewhere";
    static final String AUDIENCE = "firedrill-api";
    private static final Duration START_WITHIN = Duration.ofMinutes(4);

    private Process process;
    private static volatile String base;

    @Override
    public Map<String, String> start() {
        Path home = Path.of(System.getProperty("firedrill.keycloak.home", "target/keycloak/keycloak-26.7.3"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak in " + home + ": the build unpacks it (mvn process-test-resources)");
        }
        try {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            for (String realm : new String[] {REALM, OTHER_REALM}) {
                try (InputStream in = KeycloakResource.class.getResourceAsStream("/keycloak/" + realm + "-realm.json")) {
                    Files.copy(in, imports.resolve(realm + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + port, "--http-host=127.0.0.1", "--import-realm", "--cache=local")
                    .redirectErrorStream(true).redirectOutput(home.getParent().resolve("keycloak.log").toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            process = builder.start();
            base = "http://127.0.0.1:" + port;
            awaitReady(home);
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", base + "/realms/" + REALM,
                    "quarkus.oidc.token.audience", AUDIENCE);
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak did not start", e);
        }
    }

    /** The issuer URL of a realm of the running server. */
    static String issuer(String realm) {
        return base + "/realms/" + realm;
    }

    private void awaitReady(Path home) {
        try {
            await().atMost(START_WITHIN).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see "
                            + home.getParent().resolve("keycloak.log"));
                }
                return answers(issuer(REALM) + "/.well-known/openid-configuration")
                        && answers(issuer(OTHER_REALM) + "/.well-known/openid-configuration");
            });
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private static boolean answers(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}

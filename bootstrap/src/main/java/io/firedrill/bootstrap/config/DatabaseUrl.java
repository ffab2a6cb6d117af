package io.firedrill.bootstrap.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A libpq-style connection URI, {@code postgresql://user:password@host:port/database?sslmode=...},
 * and the Quarkus datasource properties it stands for: the reactive URL used at runtime and the JDBC
 * URL Flyway migrates with.
 */
public record DatabaseUrl(String host, int port, String database, Optional<String> user, Optional<String> password,
                   Map<String, String> parameters) {

    private static final Pattern SAFE_PARAMETER = Pattern.compile("[A-Za-z_]+=[A-Za-z0-9_.:/-]*");

    public static DatabaseUrl parse(String variable, String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw invalid(variable, "it is not a URI (" + e.getReason() + ")");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw invalid(variable, "it must start with postgresql://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid(variable, "it names no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isBlank() || database.contains("/")) {
            throw invalid(variable, "it must name one database, as in postgresql://host:5432/firedrill");
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            password = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            for (String pair : uri.getRawQuery().split("&")) {
                String decoded = decode(pair);
                if (!SAFE_PARAMETER.matcher(decoded).matches()) {
                    throw invalid(variable, "its parameter '" + pair + "' is not of the form name=value");
                }
                int eq = decoded.indexOf('=');
                parameters.put(decoded.substring(0, eq), decoded.substring(eq + 1));
            }
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        return new DatabaseUrl(uri.getHost(), port, database, user, password, Map.copyOf(parameters));
    }

    /** The Quarkus properties this URL sets, each name prefixed with {@code prefix} (e.g. a profile). */
    public Map<String, String> quarkusProperties(String prefix) {
        String hostPortDb = host + ":" + port + "/" + database;
        String query = parameters.isEmpty() ? "" : "?" + String.join("&",
                parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(prefix + "quarkus.datasource.reactive.url", "postgresql://" + hostPortDb + query);
        properties.put(prefix + "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPortDb + query);
        user.ifPresent(u -> properties.put(prefix + "quarkus.datasource.username", u));
        password.ifPresent(p -> properties.put(prefix + "quarkus.datasource.password", p));
        return properties;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String variable, String why) {
        return new IllegalArgumentException(variable + " is not a valid PostgreSQL URI: " + why
                + ". Expected postgresql://user:password@host:port/database");
    }

    @Override
    public String toString() {
        return "postgresql://" + user.map(u -> u + "@").orElse("") + host + ":" + port + "/" + database;
    }
}

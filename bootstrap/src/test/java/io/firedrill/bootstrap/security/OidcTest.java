package io.firedrill.bootstrap.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.bootstrap.TestAuth;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/**
 * Access tokens of an organisation's identity provider: a real Keycloak (KeycloakResource) issues them; the API
 * accepts one with the mapped actor, role and tenant, and refuses one for another audience, from another issuer,
 * expired, or signed by a key the issuer does not publish.
 */
@QuarkusTest
@WithTestResource(KeycloakResource.class)
class OidcTest {

    /** The tenant the realm's clients name in firedrill_tenant. */
    private static final String TENANT = "oidc-team";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTokenOfTheIdentityProviderActsAsItsUserWithTheMappedRoleInTheMappedTenant() throws Exception {
        TestAuth.tenant(TENANT);
        String token = token(KeycloakResource.REALM, "firedrill-cli", "cli-secret");

        given().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(200)
                .body("actor", equalTo("alice")).body("tenant", equalTo(TENANT))
                .body("roles", contains("commander"))
                .body("credential", equalTo("oidc:" + KeycloakResource.issuer(KeycloakResource.REALM)));
        String incident = given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"title\":\"Signed in\",\"severity\":\"P2\",\"services\":[\"web\"]}").post("/api/v1/incidents")
                .then().statusCode(201).body("commander", equalTo("alice")).extract().path("id");
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"severity\":\"P1\",\"reason\":\"spreading\"}").post("/api/v1/incidents/" + incident + "/severity")
                .then().statusCode(200);
        // commander, not admin
        given().header("Authorization", "Bearer " + token).get("/api/v1/tokens").then().statusCode(403);
        // the first use of the token on this instance is a login in the tenant's audit log
        String jti = claims(token).path("jti").asText();
        given().header(TestAuth.TENANT, TENANT).queryParam("endpoint", "LOGIN oidc").get("/api/v1/audit")
                .then().statusCode(200).body("items.findAll { it.path == 'token " + jti + "' }.actor", contains("alice"));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        acceptsTheGenuineToken();
        String token = token(KeycloakResource.REALM, "other-app", "other-secret");
        assertThat(claims(token).path("aud").toString()).doesNotContain(KeycloakResource.AUDIENCE);

        given().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        acceptsTheGenuineToken();
        String token = token(KeycloakResource.OTHER_REALM, "firedrill-cli", "cli-secret");
        assertThat(claims(token).path("iss").asText()).isEqualTo(KeycloakResource.issuer(KeycloakResource.OTHER_REALM));

        given().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        TestAuth.tenant(TENANT);
        String token = token(KeycloakResource.REALM, "short-lived", "short-secret");
        long expiry = claims(token).path("exp").asLong();
        given().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> Instant.now().getEpochSecond() > expiry);

        given().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aTokenSignedByAKeyTheIssuerDoesNotPublishIsRefused() throws Exception {
        acceptsTheGenuineToken();
        JsonNode genuine = claims(token(KeycloakResource.REALM, "firedrill-cli", "cli-secret"));
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("not-" + UUID.randomUUID());
        JwtClaims claims = JwtClaims.parse(genuine.toString());
        JsonWebSignature forged = new JsonWebSignature();
        forged.setPayload(claims.toJson());
        forged.setKey(key.getPrivateKey());
        forged.setKeyIdHeaderValue(key.getKeyId());
        forged.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);

        given().header("Authorization", "Bearer " + forged.getCompactSerialization()).get("/api/v1/me")
                .then().statusCode(401);
    }

    /** The tenant is registered and the genuine client's token accepted: a refusal below is for the reason named. */
    private static void acceptsTheGenuineToken() throws Exception {
        TestAuth.tenant(TENANT);
        given().header("Authorization", "Bearer " + token(KeycloakResource.REALM, "firedrill-cli", "cli-secret"))
                .get("/api/v1/me").then().statusCode(200);
    }

    /** An access token of the realm's client for alice (password grant). */
    private static String token(String realm, String client, String secret) throws Exception {
        Map<String, String> form = Map.of("grant_type", "password", "client_id", client, "client_secret", secret,
                "username", "alice", "password", "alice-pw");
        String body = form.entrySet().stream().map(entry -> entry.getKey() + "="
                + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(KeycloakResource.issuer(realm)
                        + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static JsonNode claims(String token) throws Exception {
        List<String> parts = List.of(token.split("\\."));
        return JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts.get(1)));
    }
}

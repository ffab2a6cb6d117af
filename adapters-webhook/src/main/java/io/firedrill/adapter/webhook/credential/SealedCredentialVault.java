package io.firedrill.adapter.webhook.credential;

import io.firedrill.application.port.in.alert.SecretsKeyMissing;
import io.firedrill.application.port.in.alert.StoredCredential;
import io.firedrill.application.port.out.CredentialVault;
import io.firedrill.domain.alert.IntegrationKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Integration secrets: 32 random bytes, shown once as {@code fdr_<base64url>}. Every secret is stored as
 * its SHA-256 digest; a signing key (generic integrations, whose HMAC needs the key itself) is also
 * sealed under the operator's secrets key ({@link SecretsKey}), so a copy of the database alone reveals no secret.
 * Without a secrets key, bearer integrations work and generic ones cannot be created or verified.
 */
@ApplicationScoped
public class SealedCredentialVault implements CredentialVault {

    private static final String SIGNATURE_PREFIX = "v1=";

    private final SecureRandom random = new SecureRandom();
    private final SecretsKey key;

    @Inject
    public SealedCredentialVault(SecretsKey key) {
        this.key = key;
    }

    @Override
    public Issued issue(IntegrationKind kind) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = "fdr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String sealed = kind == IntegrationKind.GENERIC ? seal(secret) : null;
        return new Issued(secret, new StoredCredential(digest(secret), sealed));
    }

    @Override
    public boolean matches(StoredCredential stored, String presented) {
        return presented != null && MessageDigest.isEqual(
                digest(presented).getBytes(StandardCharsets.US_ASCII), stored.hash().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public boolean signed(StoredCredential stored, String timestamp, byte[] body, String signature) {
        if (stored.sealed() == null || signature == null || !signature.startsWith(SIGNATURE_PREFIX)) {
            return false;
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(signature.substring(SIGNATURE_PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        String secret = open(stored.sealed());
        if (secret == null || !matches(stored, secret)) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return MessageDigest.isEqual(mac.doFinal(body), presented);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    private String seal(String secret) {
        if (!key.present()) {
            throw new SecretsKeyMissing("Generic integrations need a secrets key: set FIREDRILL_SECRETS_KEY (base64 of"
                    + " 32 random bytes) or FIREDRILL_SECRETS_KEY_FILE.");
        }
        return key.seal(secret);
    }

    /** The secret, or {@code null} when it cannot be opened (no key, or another key than it was sealed with). */
    private String open(String sealed) {
        return key.open(sealed).orElse(null);
    }

    private static String digest(String secret) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

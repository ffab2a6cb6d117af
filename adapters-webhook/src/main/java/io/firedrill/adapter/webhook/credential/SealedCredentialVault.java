package io.firedrill.adapter.webhook.credential;

import io.firedrill.application.port.in.alert.SecretsKeyMissing;
import io.firedrill.application.port.in.alert.StoredCredential;
import io.firedrill.application.port.out.CredentialVault;
import io.firedrill.domain.alert.IntegrationKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Integration secrets: 32 random bytes, shown once as {@code fdr_<base64url>}. Every secret is stored as
 * its SHA-256 digest; a signing key (generic integrations, whose HMAC needs the key itself) is also
 * sealed with AES-256-GCM under the operator's secrets key ({@code FIREDRILL_SECRETS_KEY}, base64 of 32
 * bytes, or {@code FIREDRILL_SECRETS_KEY_FILE}), so a copy of the database alone reveals no secret.
 * Without a secrets key, bearer integrations work and generic ones cannot be created or verified.
 */
@ApplicationScoped
public class SealedCredentialVault implements CredentialVault {

    private static final Logger LOG = Logger.getLogger(SealedCredentialVault.class);
    private static final String SEALED_PREFIX = "aes-gcm:v1:";
    private static final String SIGNATURE_PREFIX = "v1=";
    private static final int IV_BYTES = 12;

    private final SecureRandom random = new SecureRandom();
    private final Optional<SecretKeySpec> key;

    @Inject
    public SealedCredentialVault(@ConfigProperty(name = "firedrill.secrets.key") Optional<String> key,
                                 @ConfigProperty(name = "firedrill.secrets.key-file") Optional<String> keyFile) {
        this.key = key(key.filter(k -> !k.isBlank()).or(() -> keyFile.filter(f -> !f.isBlank()).map(SealedCredentialVault::read)));
        if (this.key.isEmpty()) {
            LOG.warn("No secrets key (FIREDRILL_SECRETS_KEY or FIREDRILL_SECRETS_KEY_FILE): generic integrations"
                    + " cannot be created or verified; Alertmanager and Grafana integrations work");
        }
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
        SecretKeySpec sealing = key.orElseThrow(() -> new SecretsKeyMissing("Generic integrations need a secrets key:"
                + " set FIREDRILL_SECRETS_KEY (base64 of 32 random bytes) or FIREDRILL_SECRETS_KEY_FILE."));
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealing, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] all = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, all, 0, IV_BYTES);
            System.arraycopy(sealed, 0, all, IV_BYTES, sealed.length);
            return SEALED_PREFIX + Base64.getEncoder().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** The secret, or {@code null} when it cannot be opened (no key, or another key than it was sealed with). */
    private String open(String sealed) {
        if (key.isEmpty() || !sealed.startsWith(SEALED_PREFIX)) {
            LOG.warn("A generic integration's signing key cannot be opened: no secrets key is configured");
            return null;
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(SEALED_PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(128, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            LOG.warn("A generic integration's signing key cannot be opened with the configured secrets key"
                    + " (was the key changed?)");
            return null;
        }
    }

    private static String digest(String secret) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Optional<SecretKeySpec> key(Optional<String> base64) {
        return base64.map(text -> {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(text.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("FIREDRILL_SECRETS_KEY is not base64");
            }
            if (bytes.length != 32) {
                throw new IllegalStateException("FIREDRILL_SECRETS_KEY must be 32 bytes (base64 of 32 random bytes),"
                        + " not " + bytes.length);
            }
            return new SecretKeySpec(bytes, "AES");
        });
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("FIREDRILL_SECRETS_KEY_FILE " + file + " cannot be read", e);
        }
    }
}

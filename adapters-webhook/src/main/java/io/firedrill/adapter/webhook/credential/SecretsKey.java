package io.firedrill.adapter.webhook.credential;

import io.firedrill.application.port.in.alert.SecretsKeyMissing;
import io.firedrill.application.port.out.SecretSealer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The operator's secrets key ({@code FIREDRILL_SECRETS_KEY}, base64 of 32 bytes, or {@code FIREDRILL_SECRETS_KEY_FILE}):
 * seals secrets with AES-256-GCM (a random 12-byte IV per seal), so that a copy of the database alone reveals none.
 * Integrations' signing keys and notification channels' destinations are sealed with it.
 */
@ApplicationScoped
public class SecretsKey implements SecretSealer {

    private static final Logger LOG = Logger.getLogger(SecretsKey.class);
    private static final String SEALED_PREFIX = "aes-gcm:v1:";
    private static final int IV_BYTES = 12;

    private final SecureRandom random = new SecureRandom();
    private final Optional<SecretKeySpec> key;

    @Inject
    public SecretsKey(@ConfigProperty(name = "firedrill.secrets.key") Optional<String> key,
                      @ConfigProperty(name = "firedrill.secrets.key-file") Optional<String> keyFile) {
        this.key = key(key.filter(k -> !k.isBlank()).or(() -> keyFile.filter(f -> !f.isBlank()).map(SecretsKey::read)));
        if (this.key.isEmpty()) {
            LOG.warn("No secrets key (FIREDRILL_SECRETS_KEY or FIREDRILL_SECRETS_KEY_FILE): generic integrations and"
                    + " notification channels cannot be created or used; Alertmanager and Grafana integrations work");
        }
    }

    /** Whether a key is configured. */
    public boolean present() {
        return key.isPresent();
    }

    @Override
    public String seal(String secret) {
        SecretKeySpec sealing = key.orElseThrow(() -> new SecretsKeyMissing("This needs a secrets key: set"
                + " FIREDRILL_SECRETS_KEY (base64 of 32 random bytes) or FIREDRILL_SECRETS_KEY_FILE."));
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

    @Override
    public Optional<String> open(String sealed) {
        if (key.isEmpty()) {
            LOG.warn("A sealed secret cannot be opened: no secrets key is configured");
            return Optional.empty();
        }
        if (!sealed.startsWith(SEALED_PREFIX)) {
            LOG.warn("A stored secret is not in the sealed form and cannot be opened");
            return Optional.empty();
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(SEALED_PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(128, all, 0, IV_BYTES));
            return Optional.of(new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            LOG.warn("A sealed secret cannot be opened with the configured secrets key (was the key changed?)");
            return Optional.empty();
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

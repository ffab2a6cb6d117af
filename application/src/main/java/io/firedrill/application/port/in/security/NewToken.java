package io.firedrill.application.port.in.security;

import java.time.Instant;
import java.util.Set;

/**
 * What a token is created with.
 *
 * @param name a label, 1-100 characters
 * @param subject the actor of the facts it causes; {@code null} for the name
 * @param roles at least one
 * @param expiresAt when it stops working, or {@code null} for never
 */
public record NewToken(String name, String subject, Set<Role> roles, Instant expiresAt) {
}

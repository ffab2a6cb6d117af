package io.firedrill.domain.notification;

import java.util.Objects;
import java.util.UUID;

/** The identity of a notification channel. */
public record ChannelId(UUID value) {

    public ChannelId {
        Objects.requireNonNull(value, "channelId");
    }

    /** Parses the canonical UUID form; anything else is an {@link IllegalArgumentException} naming the field. */
    public static ChannelId parse(String text) {
        try {
            return new ChannelId(UUID.fromString(text));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("channelId must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

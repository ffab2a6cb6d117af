package io.firedrill.domain.shared;

import java.util.Objects;

/**
 * Who caused a fact: a person, an integration (an alert source, a chat tool) or Firedrill itself
 * (a scheduler, a policy). Timelines show it next to every entry, so it must never be blank.
 *
 * @param kind what sort of actor this is
 * @param name the user's login, the integration's name or the system component's name
 */
public record Actor(Kind kind, String name) {

    /** The sorts of actor a fact can have. */
    public enum Kind { USER, INTEGRATION, SYSTEM }

    public Actor {
        Objects.requireNonNull(kind, "actor kind");
        Objects.requireNonNull(name, "actor name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("actor name must not be blank");
        }
        if (name.length() > 200) {
            throw new IllegalArgumentException("actor name must be at most 200 characters");
        }
    }

    public static Actor user(String login) {
        return new Actor(Kind.USER, login);
    }

    public static Actor integration(String name) {
        return new Actor(Kind.INTEGRATION, name);
    }

    public static Actor system(String component) {
        return new Actor(Kind.SYSTEM, component);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }
}

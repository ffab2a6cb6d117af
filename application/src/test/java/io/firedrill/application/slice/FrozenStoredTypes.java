package io.firedrill.application.slice;

import io.firedrill.application.slice.EventTypes.StoredType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.messaging.core.MessageType;

/**
 * Compares the frozen list of stored event names and versions with what the slices declare: every frozen
 * {@code name version} must still be readable (declared at that version, or upcast to a declared type), and every
 * declared one must be frozen.
 */
final class FrozenStoredTypes {

    /** The resource holding the frozen list. */
    static final String RESOURCE = "/stored-event-types.txt";

    private FrozenStoredTypes() {
    }

    /** The {@code name version} lines of the frozen list. */
    static Set<String> load() {
        try (InputStream in = FrozenStoredTypes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test resources");
            }
            Set<String> lines = new LinkedHashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    lines.add(trimmed.replaceAll("\\s+", " "));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong between the frozen list and the declarations, one sentence each; empty when they agree. */
    static List<String> violations(Set<String> frozen, StoredEvents declared) {
        List<String> violations = new ArrayList<>();
        for (String line : frozen) {
            String[] parts = line.split(" ");
            MessageType stored = new MessageType(parts[0], parts[1]);
            try {
                if (declared.storedTypeOf(stored).isEmpty()) {
                    violations.add("stored events named " + parts[0] + " version " + parts[1] + " can no longer be read:"
                            + " no slice declares that name and version, and no upcaster carries it to one that does."
                            + " Keep the stored name, or add an upcaster from it (ADR 0003).");
                }
            } catch (IllegalStateException circle) {
                violations.add("stored events named " + parts[0] + " version " + parts[1] + " can no longer be read: "
                        + circle.getMessage());
            }
        }
        for (StoredType type : declared.storedTypes().values()) {
            String line = type.name() + " " + type.version();
            if (!frozen.contains(line)) {
                violations.add(type.type().getName() + " is stored as " + line + ", which is not in the frozen list:"
                        + " add the line '" + line + "' to " + RESOURCE.substring(1) + ".");
            }
        }
        return violations;
    }
}

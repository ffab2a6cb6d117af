package io.firedrill.application.port.in;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.axonframework.messaging.core.Metadata;

/**
 * The metadata keys that commands carry and that every stored event records: the event log is also the
 * audit log (tenant, actor, source) and the memory of idempotent requests (key and fingerprint).
 */
public final class CommandMetadata {

    /** The metadata key and tag key of the tenant. */
    public static final String TENANT = "tenant";
    /** The metadata key of the actor ({@code kind:name}). */
    public static final String ACTOR = "actor";
    /** The metadata key of the source ({@code api}, {@code webhook}, {@code scheduler}, ...). */
    public static final String SOURCE = "source";
    /** The metadata key of the client's idempotency key. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    /** The metadata key of the fingerprint of the request sent under the idempotency key. */
    public static final String REQUEST_HASH = "requestHash";
    /** The metadata key of the version the sender expects (commands only). */
    public static final String EXPECTED_VERSION = "expectedVersion";

    private static final List<String> RECORDED = List.of(TENANT, ACTOR, SOURCE, IDEMPOTENCY_KEY, REQUEST_HASH);

    private CommandMetadata() {
    }

    /** The metadata of a command sent in {@code context}. */
    public static Metadata of(CommandContext context) {
        Metadata metadata = Metadata.with(TENANT, context.tenant().value())
                .and(ACTOR, context.actor().toString())
                .and(SOURCE, context.source().name().toLowerCase(Locale.ROOT));
        if (context.expectedVersion() != null) {
            metadata = metadata.and(EXPECTED_VERSION, context.expectedVersion().toString());
        }
        if (context.idempotencyKey() != null && context.requestHash() != null) {
            metadata = metadata.and(IDEMPOTENCY_KEY, context.idempotencyKey()).and(REQUEST_HASH, context.requestHash());
        }
        return metadata;
    }

    /** The part of a command's metadata that the events it appends record. */
    public static Map<String, String> forEvents(Map<String, String> command) {
        Map<String, String> metadata = new HashMap<>();
        for (String key : RECORDED) {
            String value = command.get(key);
            if (value != null) {
                metadata.put(key, value);
            }
        }
        return metadata;
    }
}

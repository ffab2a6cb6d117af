package io.firedrill.adapter.persistence.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.application.slice.Slices;
import io.firedrill.application.slice.StoredEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.conversion.json.JacksonConverter;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each stored name and version is pinned to a payload shape by a checked-in sample ({@code stored-events/<name>@<version>.json}):
 * the sample is read under its name, through the slices' table and any upcasters, and written back unchanged. Pointing
 * a stored name at another record, or changing a record's shape without a new version, fails here; renaming a record
 * does not.
 */
class StoredEventSamplesTest {

    private static final Path SAMPLES = Path.of("src/test/resources/stored-events");
    private static final ObjectMapper MAPPER = StoredPayloadMapper.create();
    private static final StoredEvents STORED = Slices.load().storedEvents();

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.sorted().toList().stream();
        }
    }

    @Test
    void everyStoredNameAndVersionDeclaredTodayHasASample() throws IOException {
        List<String> names = samples().map(file -> file.getFileName().toString().replace(".json", "")).toList();

        assertThat(names).containsAll(STORED.storedTypes().values().stream()
                .map(type -> type.name() + "@" + type.version()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aSampleIsReadUnderItsStoredNameAndWrittenBackUnchanged(Path file) throws IOException {
        String[] nameAndVersion = file.getFileName().toString().replace(".json", "").split("@");
        byte[] json = Files.readAllBytes(file);
        GenericEventMessage message = new GenericEventMessage(new MessageType(nameAndVersion[0], nameAndVersion[1]), json);

        Object read = STORED.read(message, new JacksonConverter(MAPPER)).orElseThrow();

        assertThat(MAPPER.readTree(MAPPER.writeValueAsBytes(read))).isEqualTo(MAPPER.readTree(json));
    }
}

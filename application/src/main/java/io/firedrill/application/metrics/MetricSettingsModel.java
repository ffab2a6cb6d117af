package io.firedrill.application.metrics;

import io.firedrill.application.command.CommandMetadata;
import io.firedrill.application.command.SourcedModel;
import io.firedrill.domain.metrics.MetricSettings;
import io.firedrill.domain.metrics.MetricSettings.ChooseDefinition;
import io.firedrill.domain.metrics.MetricSettings.DefinitionChosen;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.conversion.Converter;
import org.axonframework.eventsourcing.eventstore.TagResolver;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.MessageTypeResolver;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.Tag;

/**
 * A tenant's metric settings as the generic command handler sees them, and their stored names
 * ({@code metrics.ChooseDefinition}, {@code metrics.DefinitionChosen}, version 1) and tags (the tenant's
 * settings stream).
 */
public final class MetricSettingsModel implements SourcedModel<ChooseDefinition, DefinitionChosen, MetricSettings> {

    /** The tag key of a tenant's metric settings. */
    public static final String SETTINGS = "metricSettings";

    static final MessageType CHOOSE = new MessageType("metrics.ChooseDefinition", "1");
    static final MessageType CHOSEN = new MessageType(MetricSettings.DEFINITION_CHOSEN, "1");
    static final MessageType RESULT = new MessageType("metrics.CommandOutcome", "1");
    private static final Map<Class<?>, MessageType> TYPES = Map.of(ChooseDefinition.class, CHOOSE,
            DefinitionChosen.class, CHOSEN);

    /** Resolves the names of the settings' command and fact; other classes are unknown. */
    public static MessageTypeResolver typeResolver() {
        return type -> Optional.ofNullable(TYPES.get(type));
    }

    /** Tags a settings fact with the tenant's settings stream; other events get no tags from here. */
    public static TagResolver tagResolver() {
        return event -> event.payload() instanceof DefinitionChosen chosen
                ? Set.of(Tag.of(SETTINGS, chosen.tenant().value()), Tag.of(CommandMetadata.TENANT, chosen.tenant().value()))
                : Set.of();
    }

    static List<QualifiedName> commandNames() {
        return List.of(CHOOSE.qualifiedName());
    }

    static EventCriteria criteria(TenantId tenant) {
        return EventCriteria.havingTags(Tag.of(SETTINGS, tenant.value()), Tag.of(CommandMetadata.TENANT, tenant.value()));
    }

    static Optional<DefinitionChosen> read(EventMessage message, Converter converter) {
        return MetricSettings.typeFor(message.type().name()).map(type -> message.payloadAs(type, converter));
    }

    @Override
    public String subject() {
        return "metric settings";
    }

    @Override
    public EventCriteria criteria(TenantId tenant, ChooseDefinition command) {
        return criteria(tenant);
    }

    @Override
    public Optional<DefinitionChosen> eventOf(EventMessage message, Converter converter) {
        return read(message, converter);
    }

    @Override
    public MetricSettings empty() {
        return MetricSettings.DEFAULTS;
    }

    @Override
    public MetricSettings evolve(MetricSettings state, DefinitionChosen event) {
        return MetricSettings.evolve(state, event);
    }

    @Override
    public boolean exists(MetricSettings state) {
        return true;
    }

    @Override
    public boolean creates(ChooseDefinition command) {
        return true;
    }

    @Override
    public RuntimeException notFound(ChooseDefinition command) {
        throw new IllegalStateException("a tenant's metric settings always exist");
    }

    @Override
    public long version(MetricSettings state) {
        return state.version();
    }

    @Override
    public List<DefinitionChosen> decide(ChooseDefinition command, MetricSettings state, Instant now) {
        return MetricSettings.decide(command, state, now);
    }

    @Override
    public MessageType typeOf(DefinitionChosen event) {
        return CHOSEN;
    }

    @Override
    public Instant recordedAt(DefinitionChosen event) {
        return event.occurredAt();
    }

    @Override
    public MessageType resultType() {
        return RESULT;
    }
}

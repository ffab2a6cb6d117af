package io.firedrill.application;

import io.firedrill.application.actionitem.ActionItemMessages;
import io.firedrill.application.alert.AlertMessages;
import io.firedrill.application.incident.IncidentMessages;
import io.firedrill.application.metrics.MetricSettingsModel;
import io.firedrill.application.postmortem.PostmortemMessages;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.common.configuration.ComponentRegistry;
import org.axonframework.eventsourcing.configuration.EventSourcingConfigurer;
import org.axonframework.eventsourcing.eventstore.TagResolver;
import org.axonframework.messaging.core.MessageTypeResolver;
import org.axonframework.messaging.eventstreaming.Tag;

/**
 * The Axon configuration of Firedrill's core: the command, query and event handling modules of every
 * feature, registered explicitly. Bootstrap adds the technology (event storage, token store) and owns
 * the lifecycle.
 *
 * <p>Nothing is discovered from the classpath: Axon's configuration enhancers are not scanned, so the
 * components that run are exactly the ones named here and in bootstrap. The configurers still apply
 * their own defaults (buses, gateways, converter); the parameter-resolver enhancers that annotated
 * handlers need are not among them and must be registered here when the first such handler comes.
 */
public final class FiredrillCore {

    private FiredrillCore() {
    }

    /** A configurer holding the core's modules, ready for bootstrap to add infrastructure, build and start. */
    public static EventSourcingConfigurer configurer() {
        return EventSourcingConfigurer.create()
                .componentRegistry(ComponentRegistry::disableEnhancerScanning)
                .registerTagResolver(configuration -> tagResolver())
                .messaging(messaging -> messaging.registerMessageTypeResolver(configuration -> typeResolver()));
    }

    /** The explicit stored names of every slice's messages; a class no slice names has none. */
    static MessageTypeResolver typeResolver() {
        MessageTypeResolver incidents = IncidentMessages.typeResolver();
        MessageTypeResolver actionItems = ActionItemMessages.typeResolver();
        MessageTypeResolver postmortems = PostmortemMessages.typeResolver();
        MessageTypeResolver settings = MetricSettingsModel.typeResolver();
        return type -> incidents.resolve(type).or(() -> AlertMessages.typeOf(type)).or(() -> actionItems.resolve(type))
                .or(() -> postmortems.resolve(type)).or(() -> settings.resolve(type));
    }

    /** The tags of every slice's events. */
    static TagResolver tagResolver() {
        TagResolver incidents = IncidentMessages.tagResolver();
        TagResolver alerts = AlertMessages.tagResolver();
        TagResolver actionItems = ActionItemMessages.tagResolver();
        TagResolver postmortems = PostmortemMessages.tagResolver();
        TagResolver settings = MetricSettingsModel.tagResolver();
        return event -> {
            Set<Tag> tags = new HashSet<>(incidents.resolve(event));
            tags.addAll(alerts.resolve(event));
            tags.addAll(actionItems.resolve(event));
            tags.addAll(postmortems.resolve(event));
            tags.addAll(settings.resolve(event));
            return tags;
        };
    }
}

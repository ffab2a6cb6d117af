package io.firedrill.application;

import org.axonframework.common.configuration.ComponentRegistry;
import org.axonframework.eventsourcing.configuration.EventSourcingConfigurer;

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
                .componentRegistry(ComponentRegistry::disableEnhancerScanning);
    }
}

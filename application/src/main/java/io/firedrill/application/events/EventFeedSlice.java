package io.firedrill.application.events;

import io.firedrill.application.port.in.events.EventFeed;
import io.firedrill.application.port.out.EventLogFeed;
import io.firedrill.application.slice.EventTypes;
import io.firedrill.application.slice.Slice;
import io.firedrill.application.slice.SliceWiring;

/** The event feed: every slice's facts in log order, for other tools. It stores no events of its own. */
public final class EventFeedSlice implements Slice {

    @Override
    public String name() {
        return "events";
    }

    @Override
    public EventTypes<?> events() {
        return EventTypes.none("events");
    }

    @Override
    public void wire(SliceWiring wiring) {
        wiring.provide(EventFeed.class, () -> new EventFeedService(wiring.require(EventLogFeed.class),
                wiring.storedEvents(), wiring.converter()));
    }
}

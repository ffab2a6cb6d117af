package io.firedrill.adapter.rest.events;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.events.EventFeed;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Bulkhead;

/**
 * The reads of every open event stream of this instance, at most {@value #CONCURRENT} at once: every append (of any
 * tenant) wakes every stream, and without a bound a hundred streams would take the connection pool from the commands
 * that admission control keeps to a few in flight. A read beyond the bound waits its turn (up to {@value #WAITING}
 * waiting; beyond that it fails and its stream reads again later).
 */
@ApplicationScoped
public class StreamReads {

    static final int CONCURRENT = 2;
    static final int WAITING = 10_000;

    private final EventFeed feed;

    @Inject
    public StreamReads(UseCases useCases) {
        this.feed = useCases.get(EventFeed.class);
    }

    @Bulkhead(value = CONCURRENT, waitingTaskQueue = WAITING)
    @AsynchronousNonBlocking
    public CompletionStage<EventFeed.Page> read(EventFeed.Query query) {
        return feed.read(query);
    }
}

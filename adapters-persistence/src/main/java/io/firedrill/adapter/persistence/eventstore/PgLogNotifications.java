package io.firedrill.adapter.persistence.eventstore;

import io.firedrill.adapter.persistence.pool.BoundedPgPoolCreator;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * Tells listeners that events were appended to the log, by any instance: PostgreSQL notifies channel
 * {@value #CHANNEL} when an append commits (migration V14), and this adapter listens on a connection of its own
 * (one more per instance than the pool's). A lost connection is re-established every second; on every (re)subscribe
 * the listeners are told once, for what they may have missed meanwhile. Listeners run on an event loop: they only
 * signal.
 */
@ApplicationScoped
public class PgLogNotifications {

    /** The channel appends notify. */
    public static final String CHANNEL = "firedrill_event_log";
    private static final Logger LOG = Logger.getLogger(PgLogNotifications.class);
    private static final long RECONNECT_MILLIS = 1000;

    private final Pool pool;
    private final BoundedPgPoolCreator creator;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private PgSubscriber subscriber;
    private boolean closed;

    @Inject
    public PgLogNotifications(Pool pool, BoundedPgPoolCreator creator) {
        this.pool = pool;
        this.creator = creator;
    }

    /** Calls {@code listener} after appends commit (folded: one call may stand for many appends). */
    public synchronized void listen(Runnable listener) {
        listeners.add(listener);
        if (subscriber == null && !closed) {
            // The pool is created on first use: its options and Vert.x are known once it exists.
            pool.size();
            // Keepalive probes find a connection a network dropped silently, so that it is re-established.
            subscriber = PgSubscriber.subscriber(creator.vertx(), creator.connectOptions().setTcpKeepAlive(true))
                    .reconnectPolicy(retries -> RECONNECT_MILLIS);
            subscriber.channel(CHANNEL)
                    .subscribeHandler(ignored -> notifyListeners())
                    .handler(ignored -> notifyListeners());
            connect();
        }
    }

    /** How many listeners are called. */
    public int listening() {
        return listeners.size();
    }

    /** Stops calling {@code listener} (the connection stays for the others). */
    public void unlisten(Runnable listener) {
        listeners.remove(listener);
    }

    /** Stops listening. */
    public synchronized void close() {
        closed = true;
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
    }

    private synchronized void connect() {
        if (closed || subscriber == null) {
            return;
        }
        PgSubscriber current = subscriber;
        current.connect().onFailure(failure -> {
            LOG.debugf("Listening for appends failed (%s); trying again in %d ms, polling meanwhile", failure,
                    RECONNECT_MILLIS);
            creator.vertx().setTimer(RECONNECT_MILLIS, id -> connect());
        });
    }

    private void notifyListeners() {
        listeners.forEach(Runnable::run);
    }
}

package io.firedrill.bootstrap.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The request deadline: an API request that has not begun its answer within {@code firedrill.http.request-deadline}
 * is answered 503 with {@code Retry-After}, whatever it waits for. Its work may still finish: a command's append is
 * atomic, so it has then happened entirely or not at all, and the client retries with the same
 * {@code Idempotency-Key} to learn which. Statements have a shorter deadline of their own
 * ({@code firedrill.db.statement-deadline}); this one bounds the sum.
 */
@ApplicationScoped
public class RequestDeadline {

    private static final Logger LOG = Logger.getLogger(RequestDeadline.class);

    /** Right after admission control: a refused request needs no timer. */
    static final int ORDER = AdmissionControl.ORDER + 1;

    private final Duration deadline;

    @Inject
    public RequestDeadline(@ConfigProperty(name = "firedrill.http.request-deadline", defaultValue = "10s") Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("firedrill.http.request-deadline must be positive, not " + deadline);
        }
        this.deadline = deadline;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::start);
    }

    private void start(RoutingContext context) {
        if (!Unavailability.governs(context.normalizedPath())) {
            context.next();
            return;
        }
        long timer = context.vertx().setTimer(deadline.toMillis(), fired -> expire(context));
        context.addEndHandler(ended -> context.vertx().cancelTimer(timer));
        context.next();
    }

    private void expire(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.headWritten() || response.closed()) {
            return;
        }
        LOG.debugf("%s %s did not answer within %d ms", context.request().method(), context.normalizedPath(),
                deadline.toMillis());
        Unavailability.answer(response, "Firedrill did not finish this request within its deadline of "
                + deadline.toMillis() + " ms; retry after 2 s (a command with the same Idempotency-Key).", 2);
    }
}

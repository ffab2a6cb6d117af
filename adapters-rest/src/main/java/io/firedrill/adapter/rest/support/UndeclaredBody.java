package io.firedrill.adapter.rest.support;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.io.PushbackInputStream;

/**
 * The rest of {@link JsonOnly}: over HTTP/2 a body may come without {@code Content-Length} and there is no
 * {@code Transfer-Encoding} to announce it, so that filter cannot tell it from no body. A body read for a command
 * whose request declares no {@code Content-Type} is refused here with 415 at its first byte, before any of it is
 * parsed; an empty body is read as before.
 */
@Provider
public class UndeclaredBody implements ReaderInterceptor {

    private final CurrentVertxRequest current;

    @Inject
    public UndeclaredBody(CurrentVertxRequest current) {
        this.current = current;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        RoutingContext routing = current.getCurrent();
        if (routing == null || routing.request().getHeader(HttpHeaders.CONTENT_TYPE) != null) {
            return context.proceed();
        }
        PushbackInputStream body = new PushbackInputStream(context.getInputStream(), 1);
        int first = body.read();
        if (first != -1) {
            throw new NotSupportedException();
        }
        context.setInputStream(body);
        return context.proceed();
    }
}

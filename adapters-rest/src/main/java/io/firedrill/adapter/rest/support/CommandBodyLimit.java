package io.firedrill.adapter.rest.support;

import io.firedrill.adapter.rest.problem.BodyTooLarge;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Caps a command body while it is read, for bodies that announce no length (chunked): reading stops at the
 * command limit with a 413, so such a body is never buffered beyond it. Bodies that announce a length were checked
 * by {@link HttpLimits} before reading began.
 */
@Provider
public class CommandBodyLimit implements ReaderInterceptor {

    private final long limit;
    private final CurrentVertxRequest current;

    @Inject
    public CommandBodyLimit(@ConfigProperty(name = "firedrill.http.max-command-body-size") MemorySize limit,
                            CurrentVertxRequest current) {
        this.limit = limit.asLongValue();
        this.current = current;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Capped(context.getInputStream()));
        return context.proceed();
    }

    private final class Capped extends FilterInputStream {

        private long read;

        Capped(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b != -1) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        /**
         * Once the limit is passed, closing does not read the rest of the body (the JSON reader closes its source
         * when it fails, and the request's input would drain the body to its end before any answer).
         */
        @Override
        public void close() throws IOException {
            if (read <= limit) {
                super.close();
            }
        }

        private void counted(int n) throws IOException {
            read += n;
            if (read > limit) {
                RoutingContext routing = current.getCurrent();
                if (routing != null) {
                    // the rest of the body stays unread
                    UnreadBody.refuse(routing.response());
                }
                throw new BodyTooLarge(limit);
            }
        }
    }
}

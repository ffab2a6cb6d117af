package io.firedrill.bootstrap.http;

import io.restassured.RestAssured;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cleartext HTTP/2 with prior knowledge (h2c, no upgrade), as a proxy in front of Firedrill may speak it: one
 * connection, every request a stream on it. Counts the connections it opened and the ones that were closed, so a
 * test can tell that a refusal did not cost the other streams their connection. {@link #http11()} speaks HTTP/1.1
 * with keep-alive over one connection instead, for comparison.
 */
final class Http2 implements AutoCloseable {

    static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    record Answer(HttpVersion version, int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        RawHttp.Answer asRaw() {
            return new RawHttp.Answer(status, headers, body);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final HttpClient client;

    Http2() {
        this(HttpVersion.HTTP_2);
    }

    static Http2 http11() {
        return new Http2(HttpVersion.HTTP_1_1);
    }

    private Http2(HttpVersion version) {
        client = vertx.httpClientBuilder()
                .with(new HttpClientOptions().setProtocolVersion(version).setHttp2ClearTextUpgrade(false).setKeepAlive(true)
                        .setDefaultHost("localhost").setDefaultPort(RestAssured.port).setConnectTimeout(5_000)
                        .setIdleTimeout(60))
                .with(new PoolOptions().setHttp2MaxSize(1).setHttp1MaxSize(1))
                .withConnectHandler(connection -> {
                    opened.incrementAndGet();
                    connection.closeHandler(ignored -> closed.incrementAndGet());
                })
                .build();
    }

    /** Sends {@code body} (its length announced) or no body when {@code null}, and reads the whole answer. */
    Answer send(HttpMethod method, String path, Map<String, String> headers, byte[] body) throws Exception {
        return await(client.request(new RequestOptions().setMethod(method).setURI(path)).compose(request -> {
            headers.forEach(request::putHeader);
            return (body == null ? request.send() : request.send(Buffer.buffer(body))).compose(response ->
                    response.body().map(answer -> {
                        Map<String, String> received = new LinkedHashMap<>();
                        response.headers().forEach(header ->
                                received.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
                        return new Answer(response.version(), response.statusCode(), received, answer.toString());
                    }));
        }));
    }

    /** Sends {@code body} as DATA frames without announcing its length (HTTP/2 has no chunked encoding). */
    Answer sendUnannounced(HttpMethod method, String path, Map<String, String> headers, byte[] body) throws Exception {
        return await(client.request(new RequestOptions().setMethod(method).setURI(path)).compose(request -> {
            headers.forEach(request::putHeader);
            request.setChunked(true);
            request.write(Buffer.buffer(body));
            Future<Answer> answer = request.response().compose(response -> response.body().map(received -> {
                Map<String, String> names = new LinkedHashMap<>();
                response.headers().forEach(header -> names.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
                return new Answer(response.version(), response.statusCode(), names, received.toString());
            }));
            request.end();
            return answer;
        }));
    }

    /** Sends the head only, announcing a body of {@code length} bytes that never follows, and reads the answer. */
    Answer sendHeadOnly(HttpMethod method, String path, Map<String, String> headers, long length) throws Exception {
        return await(client.request(new RequestOptions().setMethod(method).setURI(path)).compose(request -> {
            headers.forEach(request::putHeader);
            request.putHeader("Content-Length", String.valueOf(length));
            Future<Answer> answer = request.response().compose(response -> response.body().map(received -> {
                Map<String, String> names = new LinkedHashMap<>();
                response.headers().forEach(header -> names.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
                return new Answer(response.version(), response.statusCode(), names, received.toString());
            }));
            request.sendHead();
            return answer;
        }));
    }

    /** Connections this client opened. */
    int opened() {
        return opened.get();
    }

    /** Connections of this client that were closed (by either side). */
    int closed() {
        return closed.get();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        await(client.close());
        await(vertx.close());
    }
}

package io.firedrill.bootstrap.events;

import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server-sent events client for tests: reads the stream on a thread of its own and queues what arrives, so a test
 * waits for the next event with a timeout (never a sleep) and sees the end of the stream as {@link #END}.
 */
public final class SseClient implements AutoCloseable {

    /** One event: its id, name, data lines joined, the comments before it and the names of all its fields. */
    public record Event(String id, String name, String data, List<String> comments, List<String> fields) {
    }

    /** Queued when the server ends the stream. */
    public static final Event END = new Event(null, null, null, List.of(), List.of());

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    /** Every line received, as received. */
    private final List<String> raw = new ArrayList<>();
    private final Thread reader;
    /** The stream's first comment, which it sends once its start in the log is fixed. */
    private final CompletableFuture<String> started = new CompletableFuture<>();
    /** As a browser keeps it: the last id received, with or without data; what it sends as Last-Event-ID. */
    private volatile String lastEventId;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /**
     * Opens {@code path} (with its query) with {@code headers}; answers once the response's head has arrived and, for
     * a 200, once the stream's first comment has (from then on, every new fact reaches it).
     */
    public static SseClient open(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<Stream<String>>> answer = HTTP.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofLines());
        SseClient client = new SseClient(answer.get(10, TimeUnit.SECONDS));
        if (client.status() == 200) {
            try {
                client.started.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                client.close(); // the server keeps no stream for a client that gave up
                throw e;
            }
        }
        return client;
    }

    /** Every line received so far. */
    public List<String> raw() {
        synchronized (raw) {
            return List.copyOf(raw);
        }
    }

    /** The id a browser would send as Last-Event-ID on reconnecting ({@code null} before any). */
    public String lastEventId() {
        return lastEventId;
    }

    /** The stream's first comment. */
    public String firstComment() {
        return started.getNow(null);
    }

    public int status() {
        return response.statusCode();
    }

    /** The body of an answer that is not a stream (a refusal's problem document). */
    public String body() throws InterruptedException {
        Event event;
        do {
            event = poll(Duration.ofSeconds(5));
        } while (event != null && event != END);
        synchronized (raw) {
            return String.join("\n", raw);
        }
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next event with data, or {@link #END}; fails when none came within {@code timeout}. */
    public Event next(Duration timeout) throws InterruptedException {
        Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + timeout);
        }
        return event;
    }

    /** The next event if one arrives within {@code timeout}, else {@code null}. */
    public Event poll(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = null;
        List<String> comments = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                synchronized (raw) {
                    raw.add(line);
                }
                if (line.isEmpty()) {
                    if (id != null) {
                        lastEventId = id; // set at every dispatch, data or not (HTML, server-sent events)
                    }
                    if (data != null) {
                        events.add(new Event(id, name, data.toString(), List.copyOf(comments), List.copyOf(fields)));
                        comments.clear();
                    }
                    fields.clear();
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                    started.complete(line.substring(1).strip());
                } else if (line.indexOf(':') > 0) {
                    fields.add(line.substring(0, line.indexOf(':')));
                }
                if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
        } catch (RuntimeException closed) {
            // the connection went away (closed by this client or the server)
        }
        started.complete(null);
        events.add(END);
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}

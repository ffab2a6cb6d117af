package io.firedrill.bootstrap.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stand-ins for each vendor's webhook endpoint on the loopback address, written from the vendors' documentation (not
 * from Firedrill's code): each checks the request the way its vendor documents (signature, timestamp window, message
 * shape) and answers like the vendor, or as the test commands ({@link Mode}). Every accepted message is recorded.
 */
final class VendorServers implements AutoCloseable {

    /** What the next requests get. */
    enum Mode { NORMAL, RATE_LIMITED, SERVER_ERROR, SLOW }

    /** A message a vendor accepted: the path it came to, its JSON body, its headers, when it arrived. */
    record Received(String vendor, String path, JsonNode body, Map<String, String> headers, java.time.Instant at) {

        Received(String vendor, String path, JsonNode body, Map<String, String> headers) {
            this(vendor, path, body, headers, java.time.Instant.now());
        }
    }

    static final String FEISHU_SECRET = "feishu-bot-secret-XYZ";
    static final String DINGTALK_SECRET = "SECdingtalk0123456789abcdef";
    static final String WECOM_KEY = "693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa";
    static final String SLACK_PATH = "/services/T0123456789/B1001010101/7IsoQTrixdUtE971O1xQTm4T";
    static final String TEAMS_PATH = "/workflows/abc/triggers/manual/paths/invoke";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile Mode mode = Mode.NORMAL;
    /** How many of the next requests get a 500, whatever the mode. */
    final java.util.concurrent.atomic.AtomicInteger failNext = new java.util.concurrent.atomic.AtomicInteger();
    volatile long slowMillis = 0;
    /** Opens when the test ends, so that a slow answer does not outlive it. */
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    /** The secret of the signed webhook endpoint, known once the channel is created. */
    volatile String webhookSecret;

    VendorServers() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/services/", exchange -> handle(exchange, "slack"));
        server.createContext("/open-apis/bot/v2/hook/", exchange -> handle(exchange, "feishu"));
        server.createContext("/robot/send", exchange -> handle(exchange, "dingtalk"));
        server.createContext("/cgi-bin/webhook/send", exchange -> handle(exchange, "wecom"));
        server.createContext("/workflows/", exchange -> handle(exchange, "teams"));
        server.createContext("/hooks/", exchange -> handle(exchange, "webhook"));
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String url(String vendor) {
        return base() + switch (vendor) {
            case "slack" -> SLACK_PATH;
            case "feishu" -> "/open-apis/bot/v2/hook/0f1e2d3c-aaaa-bbbb-cccc-123456789abc";
            case "dingtalk" -> "/robot/send?access_token=" + "ab".repeat(32);
            case "wecom" -> "/cgi-bin/webhook/send?key=" + WECOM_KEY;
            case "teams" -> TEAMS_PATH + "?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=s3cr3t";
            case "webhook" -> "/hooks/firedrill";
            default -> throw new IllegalArgumentException(vendor);
        };
    }

    List<Received> of(String vendor) {
        return received.stream().filter(r -> r.vendor().equals(vendor)).toList();
    }

    private void handle(HttpExchange exchange, String vendor) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (mode == Mode.SLOW) {
                try {
                    // the vendor being slow (not the test waiting): silent until slowMillis pass or the test ends
                    closed.await(slowMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (mode == Mode.SERVER_ERROR || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                answer(exchange, 500, "text/plain", "internal error");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "text/plain", "method");
                return;
            }
            JsonNode json = JSON.readTree(body);
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            switch (vendor) {
                case "slack" -> slack(exchange, json, headers);
                case "feishu" -> feishu(exchange, json, headers);
                case "dingtalk" -> dingtalk(exchange, json, headers);
                case "wecom" -> wecom(exchange, json, headers);
                case "teams" -> teams(exchange, json, headers);
                default -> webhook(exchange, body, json, headers);
            }
        }
    }

    // Slack: 200 "ok"; 400 invalid_payload; 429 with Retry-After past one message per second.
    private void slack(HttpExchange exchange, JsonNode json, Map<String, String> headers) throws IOException {
        if (mode == Mode.RATE_LIMITED) {
            exchange.getResponseHeaders().add("Retry-After", "7");
            answer(exchange, 429, "application/json", "{\"ok\":false,\"count_second_ago\":5}");
            return;
        }
        if (!exchange.getRequestURI().getPath().equals(SLACK_PATH) || !json.path("text").isTextual()
                || !json.path("blocks").isArray() || !"header".equals(json.path("blocks").path(0).path("type").asText())
                || json.path("blocks").path(0).path("text").path("text").asText().length() > 150) {
            answer(exchange, 400, "text/plain", "invalid_payload");
            return;
        }
        received.add(new Received("slack", exchange.getRequestURI().getPath(), json, headers));
        answer(exchange, 200, "text/plain", "ok");
    }

    // Feishu: timestamp (s) and sign in the body; sign = base64(HmacSHA256(key = timestamp + "\n" + secret, "")).
    private void feishu(HttpExchange exchange, JsonNode json, Map<String, String> headers) throws IOException {
        if (mode == Mode.RATE_LIMITED) {
            answer(exchange, 200, "application/json", "{\"code\":11232,\"msg\":\"frequency limited\",\"data\":{}}");
            return;
        }
        String timestamp = json.path("timestamp").asText("");
        String expected = base64(hmac((timestamp + "\n" + FEISHU_SECRET).getBytes(StandardCharsets.UTF_8), new byte[0]));
        boolean fresh = timestamp.matches("\\d+") && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) < 3600;
        if (!fresh || !equal(expected, json.path("sign").asText(""))) {
            answer(exchange, 200, "application/json", "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not"
                    + " within one hour from current time\",\"data\":{}}");
            return;
        }
        if (!"interactive".equals(json.path("msg_type").asText()) || json.path("card").path("header").path("title")
                .path("content").asText().isEmpty()) {
            answer(exchange, 200, "application/json", "{\"code\":9499,\"msg\":\"Bad Request\",\"data\":{}}");
            return;
        }
        received.add(new Received("feishu", exchange.getRequestURI().getPath(), json, headers));
        answer(exchange, 200, "application/json", "{\"code\":0,\"msg\":\"success\",\"data\":{},\"Extra\":null,"
                + "\"StatusCode\":0,\"StatusMessage\":\"success\"}");
    }

    // DingTalk: timestamp (ms) and sign in the query; sign = urlencode(base64(HmacSHA256(key = secret, timestamp + "\n" + secret))).
    private void dingtalk(HttpExchange exchange, JsonNode json, Map<String, String> headers) throws IOException {
        if (mode == Mode.RATE_LIMITED) {
            answer(exchange, 200, "application/json", "{\"errcode\":130101,\"errmsg\":\"send too fast, exceed 20 times"
                    + " per minute\"}");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String timestamp = query.getOrDefault("timestamp", "");
        String expected = base64(hmac(DINGTALK_SECRET.getBytes(StandardCharsets.UTF_8),
                (timestamp + "\n" + DINGTALK_SECRET).getBytes(StandardCharsets.UTF_8)));
        boolean fresh = timestamp.matches("\\d+") && Math.abs(System.currentTimeMillis() - Long.parseLong(timestamp)) < 3_600_000;
        if (!fresh || !equal(expected, query.getOrDefault("sign", "")) || !query.containsKey("access_token")) {
            answer(exchange, 200, "application/json", "{\"errcode\":310000,\"errmsg\":\"sign not match, more:"
                    + " [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]\"}");
            return;
        }
        String type = json.path("msgtype").asText();
        if (!(type.equals("markdown") || type.equals("actionCard")) || json.path(type).path("title").asText().isEmpty()
                || json.path(type).path("text").asText().isEmpty()) {
            answer(exchange, 200, "application/json", "{\"errcode\":40035,\"errmsg\":\"missing parameter\"}");
            return;
        }
        received.add(new Received("dingtalk", exchange.getRequestURI().getPath(), json, headers));
        answer(exchange, 200, "application/json", "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }

    // WeCom: the key in the query is the credential; markdown content at most 4096 bytes.
    private void wecom(HttpExchange exchange, JsonNode json, Map<String, String> headers) throws IOException {
        if (mode == Mode.RATE_LIMITED) {
            answer(exchange, 200, "application/json", "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
            return;
        }
        if (!WECOM_KEY.equals(query(exchange.getRequestURI().getRawQuery()).get("key"))) {
            answer(exchange, 200, "application/json", "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
            return;
        }
        String content = json.path("markdown").path("content").asText("");
        if (!"markdown".equals(json.path("msgtype").asText()) || content.isEmpty()
                || content.getBytes(StandardCharsets.UTF_8).length > 4096) {
            answer(exchange, 200, "application/json", "{\"errcode\":40058,\"errmsg\":\"markdown.content exceed max"
                    + " length 4096\"}");
            return;
        }
        received.add(new Received("wecom", exchange.getRequestURI().getPath(), json, headers));
        answer(exchange, 200, "application/json", "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }

    // Teams Workflows: a "message" with one Adaptive Card attachment; 202 Accepted.
    private void teams(HttpExchange exchange, JsonNode json, Map<String, String> headers) throws IOException {
        if (mode == Mode.RATE_LIMITED) {
            exchange.getResponseHeaders().add("Retry-After", "7");
            answer(exchange, 429, "application/json", "{\"error\":{\"code\":\"WorkflowRequestsThrottled\"}}");
            return;
        }
        JsonNode attachment = json.path("attachments").path(0);
        if (!"s3cr3t".equals(query(exchange.getRequestURI().getRawQuery()).get("sig"))) {
            answer(exchange, 401, "application/json", "{\"error\":{\"code\":\"DirectApiAuthorizationRequired\"}}");
            return;
        }
        if (!"message".equals(json.path("type").asText())
                || !"application/vnd.microsoft.card.adaptive".equals(attachment.path("contentType").asText())
                || !"AdaptiveCard".equals(attachment.path("content").path("type").asText())) {
            answer(exchange, 400, "application/json", "{\"error\":{\"code\":\"InvalidRequestContent\"}}");
            return;
        }
        received.add(new Received("teams", exchange.getRequestURI().getPath(), json, headers));
        answer(exchange, 202, null, "");
    }

    // Standard Webhooks: webhook-signature = "v1," + base64(HmacSHA256(key = base64decode(secret without whsec_),
    // id + "." + timestamp + "." + body)); the timestamp within five minutes.
    private void webhook(HttpExchange exchange, byte[] body, JsonNode json, Map<String, String> headers) throws IOException {
        if (mode == Mode.RATE_LIMITED) {
            exchange.getResponseHeaders().add("Retry-After", "7");
            answer(exchange, 429, "text/plain", "slow down");
            return;
        }
        String id = headers.getOrDefault("webhook-id", "");
        String timestamp = headers.getOrDefault("webhook-timestamp", "");
        String secret = webhookSecret;
        boolean fresh = timestamp.matches("\\d+") && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) <= 300;
        boolean signed = false;
        if (secret != null && fresh) {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            byte[] content = (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            String expected = "v1," + base64(hmac(key, content));
            for (String candidate : headers.getOrDefault("webhook-signature", "").split(" ")) {
                signed |= equal(expected, candidate);
            }
        }
        if (!signed || id.isEmpty() || !json.path("type").isTextual() || !json.path("data").isObject()) {
            answer(exchange, 401, "text/plain", "invalid signature");
            return;
        }
        received.add(new Received("webhook", exchange.getRequestURI().getPath(), json, headers));
        answer(exchange, 204, null, "");
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            exchange.getResponseHeaders().add("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return values;
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}

package io.firedrill.domain.drill;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * One step of a drill plan: its kind, a name, whether the run fails when the step fails ({@code mandatory}, default
 * {@code false}), and the
 * settings of its kind in a block named after the kind (exactly that block, no other). A later kind adds a kind and a
 * block; stored plans keep reading as they were.
 *
 * <ul>
 *   <li>{@code INJECT}: the facilitator reveals a scenario message, at an offset from the run's start, and may open
 *       the drill incident with it;</li>
 *   <li>{@code MANUAL}: a person confirms it done or failed, with a note;</li>
 *   <li>{@code WAIT}: a duration, or until the drill incident reaches a milestone (the duration is then the most it
 *       waits);</li>
 *   <li>{@code HTTP_PROBE}: an HTTP request whose answer must have a status (and may have to contain a text), tried
 *       until a deadline; it may mark a checkpoint when it passes and read the data-loss marker from its answer;</li>
 *   <li>{@code PROMETHEUS_QUERY}: a PromQL instant query against the configured Prometheus, compared with a
 *       threshold, tried until a deadline; it may mark a checkpoint when it passes;</li>
 *   <li>{@code CHECKPOINT}: a named instant the scoring uses (the fault started, the service was restored, the marker
 *       was read).</li>
 * </ul>
 */
public record DrillStep(Kind kind, String name, Boolean mandatory, Inject inject, Manual manual, Wait waitFor,
                        HttpProbe httpProbe, PrometheusQuery prometheusQuery, Checkpoint checkpoint) {

    /** The kinds of step. */
    public enum Kind { INJECT, MANUAL, WAIT, HTTP_PROBE, PROMETHEUS_QUERY, CHECKPOINT }

    /** The instants the scoring measures from and to. */
    public enum CheckpointName { FAULT_STARTED, SERVICE_RESTORED, MARKER_READ }

    /** The drill incident's milestones a {@code WAIT} step can wait for. */
    public enum Milestone { INCIDENT_OPENED, ACKNOWLEDGED, MITIGATED, RESOLVED }

    /** How a {@code PROMETHEUS_QUERY} compares the query's value with its threshold. */
    public enum Comparison { LT, LE, EQ, NE, GE, GT }

    static final int NAME_MAX = 200;
    static final int TEXT_MAX = 4_000;
    static final Duration DAY = Duration.ofDays(1);

    public DrillStep {
        name = Fields.text(name, "name", NAME_MAX);
        Fields.notNull(kind, "kind");
        mandatory = Boolean.TRUE.equals(mandatory);
        Object block = switch (kind) {
            case INJECT -> inject;
            case MANUAL -> manual;
            case WAIT -> waitFor;
            case HTTP_PROBE -> httpProbe;
            case PROMETHEUS_QUERY -> prometheusQuery;
            case CHECKPOINT -> checkpoint;
        };
        String blockName = blockName(kind);
        if (block == null) {
            throw new IllegalArgumentException(blockName + " must be given for a " + kind + " step");
        }
        int blocks = (inject == null ? 0 : 1) + (manual == null ? 0 : 1) + (waitFor == null ? 0 : 1)
                + (httpProbe == null ? 0 : 1) + (prometheusQuery == null ? 0 : 1) + (checkpoint == null ? 0 : 1);
        if (blocks > 1) {
            throw new IllegalArgumentException("kind " + kind + " takes only the " + blockName + " block");
        }
    }

    /** The JSON name of a kind's block ({@code httpProbe}). */
    public static String blockName(Kind kind) {
        return switch (kind) {
            case INJECT -> "inject";
            case MANUAL -> "manual";
            case WAIT -> "waitFor";
            case HTTP_PROBE -> "httpProbe";
            case PROMETHEUS_QUERY -> "prometheusQuery";
            case CHECKPOINT -> "checkpoint";
        };
    }

    /** The checkpoint this step marks when it passes, or {@code null}. */
    public CheckpointName marks() {
        return switch (kind) {
            case CHECKPOINT -> checkpoint.name();
            case HTTP_PROBE -> httpProbe.marks();
            case PROMETHEUS_QUERY -> prometheusQuery.marks();
            default -> null;
        };
    }

    /**
     * @param message what the facilitator reveals (1–4,000 characters)
     * @param offset when, after the run started (default now, at most a day)
     * @param opensIncident whether revealing it declares the drill incident (default {@code false})
     */
    public record Inject(String message, Duration offset, Boolean opensIncident) {
        public Inject {
            opensIncident = Boolean.TRUE.equals(opensIncident);
            message = Fields.text(message, "message", TEXT_MAX);
            offset = offset == null ? Duration.ZERO : Fields.duration(offset, "offset", Duration.ZERO, DAY);
        }
    }

    /** @param instructions what the person does and confirms (1–4,000 characters) */
    public record Manual(String instructions) {
        public Manual {
            instructions = Fields.text(instructions, "instructions", TEXT_MAX);
        }
    }

    /**
     * @param duration how long it waits (1 s to a day); with {@code until}, the most it waits
     * @param until the drill incident's milestone it waits for, or {@code null}
     */
    public record Wait(Duration duration, Milestone until) {
        public Wait {
            duration = Fields.duration(duration, "duration", Duration.ofSeconds(1), DAY);
        }
    }

    /**
     * @param method {@code GET}, {@code HEAD} or {@code POST}
     * @param url an absolute {@code http} or {@code https} URL
     * @param expectedStatus the status that passes (default 200)
     * @param bodyContains a text the answer must contain, or {@code null}
     * @param timeout each attempt's timeout (100 ms to 60 s, default 5 s)
     * @param deadline how long it keeps trying (at least the timeout, at most a day; default the timeout: one attempt)
     * @param interval the pause between attempts (1 s to an hour, default 5 s)
     * @param marks the checkpoint it marks when it passes, or {@code null}
     * @param markerPointer a JSON pointer ({@code /lastWrite}) to the instant of the last durable write in the answer,
     *                      for RPO, or {@code null}
     */
    public record HttpProbe(String method, String url, Integer expectedStatus, String bodyContains, Duration timeout,
                            Duration deadline, Duration interval, CheckpointName marks, String markerPointer) {

        static final Set<String> METHODS = Set.of("GET", "HEAD", "POST");

        public HttpProbe {
            method = method == null ? "GET" : method.strip().toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("method must be GET, HEAD or POST");
            }
            url = url(url);
            expectedStatus = expectedStatus == null ? 200 : expectedStatus;
            if (expectedStatus < 100 || expectedStatus > 599) {
                throw new IllegalArgumentException("expectedStatus must be an HTTP status (100-599)");
            }
            bodyContains = Fields.optional(bodyContains, "bodyContains", 1_000);
            timeout = timeout == null ? Duration.ofSeconds(5)
                    : Fields.duration(timeout, "timeout", Duration.ofMillis(100), Duration.ofSeconds(60));
            deadline = deadline == null ? timeout : Fields.duration(deadline, "deadline", timeout, DAY);
            interval = interval == null ? Duration.ofSeconds(5)
                    : Fields.duration(interval, "interval", Duration.ofSeconds(1), Duration.ofHours(1));
            markerPointer = Fields.optional(markerPointer, "markerPointer", 200);
            if (markerPointer != null && !markerPointer.startsWith("/")) {
                throw new IllegalArgumentException("markerPointer must be a JSON pointer such as /lastWrite");
            }
            if (method.equals("HEAD") && (bodyContains != null || markerPointer != null)) {
                throw new IllegalArgumentException(bodyContains != null
                        ? "bodyContains cannot be checked on a HEAD probe, which has no body: use GET"
                        : "markerPointer cannot be read from a HEAD probe, which has no body: use GET");
            }
        }

        /**
         * The syntax the domain can check: an {@code http} or {@code https} URL of at most 2,000 characters without
         * spaces. Whether it parses, names a host, holds no credentials or dot segments, and is allowed for the tenant
         * is checked where the application accepts a plan.
         */
        private static String url(String url) {
            String text = Fields.text(url, "url", 2_000);
            String lower = text.toLowerCase(Locale.ROOT);
            if (!(lower.startsWith("http://") || lower.startsWith("https://")) || text.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("url must be an absolute http or https URL with a host");
            }
            return text;
        }
    }

    /**
     * @param query a PromQL instant query (1–2,000 characters)
     * @param comparison how its value compares with {@code threshold} to pass
     * @param threshold the value compared against
     * @param deadline how long it keeps trying (1 s to a day, default one attempt)
     * @param interval the pause between attempts (1 s to an hour, default 15 s)
     * @param marks the checkpoint it marks when it passes, or {@code null}
     */
    public record PrometheusQuery(String query, Comparison comparison, Double threshold, Duration deadline,
                                  Duration interval, CheckpointName marks) {
        public PrometheusQuery {
            query = Fields.text(query, "query", 2_000);
            Fields.notNull(comparison, "comparison");
            Fields.notNull(threshold, "threshold");
            if (threshold.isNaN() || threshold.isInfinite()) {
                throw new IllegalArgumentException("threshold must be a finite number");
            }
            deadline = deadline == null ? Duration.ofSeconds(1) : Fields.duration(deadline, "deadline", Duration.ofSeconds(1), DAY);
            interval = interval == null ? Duration.ofSeconds(15)
                    : Fields.duration(interval, "interval", Duration.ofSeconds(1), Duration.ofHours(1));
        }
    }

    /** @param name the instant it records */
    public record Checkpoint(CheckpointName name) {
        public Checkpoint {
            Fields.notNull(name, "name");
        }
    }
}

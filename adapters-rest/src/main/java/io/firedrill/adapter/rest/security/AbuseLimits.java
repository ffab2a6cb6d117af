package io.firedrill.adapter.rest.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Per-instance abuse limits of the API: a token bucket per credential ({@code firedrill.security.rate-limit.*}), and
 * a count of failed authentications per client address ({@code firedrill.security.failed-auth.*}) past which that
 * address is refused for the rest of the window before its credential is even looked up. Both answer 429 with the
 * seconds to wait.
 */
@ApplicationScoped
public class AbuseLimits {

    private static final int KEYS_LIMIT = 100_000;

    private final double perSecond;
    private final double burst;
    private final int failures;
    private final long windowNanos;
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Window> failed = new ConcurrentHashMap<>();
    /** Until when (nanos) some address may be blocked: the end of the latest window that reached the limit. */
    private volatile long blockingUntil;
    private volatile boolean blocking;

    private record Bucket(double tokens, long atNanos) {
    }

    private record Window(int count, long startNanos) {
    }

    @Inject
    public AbuseLimits(@ConfigProperty(name = "firedrill.security.rate-limit.per-second", defaultValue = "100") double perSecond,
                       @ConfigProperty(name = "firedrill.security.rate-limit.burst", defaultValue = "300") double burst,
                       @ConfigProperty(name = "firedrill.security.failed-auth.limit", defaultValue = "20") int failures,
                       @ConfigProperty(name = "firedrill.security.failed-auth.window", defaultValue = "1m") Duration window) {
        this(perSecond, burst, failures, window, System::nanoTime);
    }

    AbuseLimits(double perSecond, double burst, int failures, Duration window, LongSupplier nanos) {
        if (perSecond <= 0 || burst < 1 || failures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("firedrill.security.rate-limit.per-second and failed-auth.window must be"
                    + " positive, rate-limit.burst and failed-auth.limit at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.failures = failures;
        this.windowNanos = window.toNanos();
        this.nanos = nanos;
    }

    /** Takes one request from the credential's bucket: 0 when it may go on, else the seconds to wait (at least 1). */
    public long request(String credential) {
        long now = nanos.getAsLong();
        trim(buckets, now);
        long[] wait = {0};
        buckets.compute(credential, (key, bucket) -> {
            double tokens = bucket == null ? burst
                    : Math.min(burst, bucket.tokens() + (now - bucket.atNanos()) / 1e9 * perSecond);
            if (tokens >= 1) {
                return new Bucket(tokens - 1, now);
            }
            wait[0] = Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
            return new Bucket(tokens, now);
        });
        return wait[0];
    }

    /** Whether some address may be blocked now; when not, no address is {@link #blocked}. */
    public boolean watching() {
        return blocking && nanos.getAsLong() - blockingUntil < 0;
    }

    /** 0 when the address may try to authenticate, else the seconds until its window ends (at least 1). */
    public long blocked(String address) {
        if (address == null) {
            return 0;
        }
        Window window = failed.get(network(address));
        long now = nanos.getAsLong();
        if (window == null || now - window.startNanos() >= windowNanos || window.count() < failures) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil((windowNanos - (now - window.startNanos())) / 1e9));
    }

    /** Counts a failed authentication from the address. */
    public void failed(String address) {
        if (address == null) {
            return;
        }
        long now = nanos.getAsLong();
        trim(failed, now);
        Window counted = failed.compute(network(address), (key, window) -> window == null
                || now - window.startNanos() >= windowNanos ? new Window(1, now)
                : new Window(window.count() + 1, window.startNanos()));
        if (counted.count() >= failures) {
            synchronized (this) {
                long until = counted.startNanos() + windowNanos;
                if (!blocking || until - blockingUntil > 0) {
                    blockingUntil = until;
                    blocking = true;
                }
            }
        }
    }

    /** An IPv4 address as it is; an IPv6 address as its /64 network, which one client usually holds whole. */
    static String network(String address) {
        if (!address.contains(":")) {
            return address;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
            return bytes.length == 16 ? java.util.HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : address;
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }

    private void trim(Map<String, ?> map, long now) {
        if (map.size() >= KEYS_LIMIT) {
            // the oldest state is forgotten first; what stays is at most a window (or a full bucket) old
            map.entrySet().removeIf(entry -> entry.getValue() instanceof Bucket bucket
                    ? now - bucket.atNanos() > burst / perSecond * 1e9
                    : now - ((Window) entry.getValue()).startNanos() >= windowNanos);
            if (map.size() >= KEYS_LIMIT) {
                map.clear();
            }
        }
    }
}

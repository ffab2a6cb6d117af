package io.firedrill.adapter.rest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AbuseLimitsUnitTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AbuseLimits limits = new AbuseLimits(2, 3, 2, Duration.ofSeconds(60), nanos::get);

    @Test
    void aBucketLetsItsBurstThrough_thenRefillsAtItsRate() {
        assertThat(limits.request("a")).isZero();
        assertThat(limits.request("a")).isZero();
        assertThat(limits.request("a")).isZero();
        assertThat(limits.request("a")).as("seconds to wait").isEqualTo(1);
        assertThat(limits.request("b")).as("another credential").isZero();

        nanos.addAndGet(500_000_000L); // half a second at 2 a second: one more

        assertThat(limits.request("a")).isZero();
        assertThat(limits.request("a")).isEqualTo(1);
    }

    @Test
    void anAddressIsBlockedForTheRestOfItsWindowOnceItFailedTooOften() {
        limits.failed("10.0.0.1");
        assertThat(limits.blocked("10.0.0.1")).isZero();
        limits.failed("10.0.0.1");
        assertThat(limits.blocked("10.0.0.1")).isEqualTo(60);
        assertThat(limits.blocked("10.0.0.2")).isZero();

        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(limits.blocked("10.0.0.1")).isEqualTo(1);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(limits.blocked("10.0.0.1")).isZero();
    }

    @Test
    void itWatchesAddressesOnlyWhileOneMayBeBlocked() {
        assertThat(limits.watching()).as("nothing failed yet").isFalse();
        limits.failed("10.0.0.1");
        assertThat(limits.watching()).as("one failure, below the limit").isFalse();

        nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        limits.failed("10.0.0.1");
        assertThat(limits.watching()).as("the limit reached").isTrue();
        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        limits.failed("10.0.0.2");
        limits.failed("10.0.0.2"); // a second address blocked later keeps it watching until its own window ends
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(limits.blocked("10.0.0.1")).isZero();
        assertThat(limits.watching()).isTrue();
        assertThat(limits.blocked("10.0.0.2")).isEqualTo(59);

        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(limits.blocked("10.0.0.2")).isZero();
        assertThat(limits.watching()).as("every window over").isFalse();
    }

    @Test
    void anIpv6AddressCountsAsItsSlash64() {
        limits.failed("2001:db8:1:2::10");
        limits.failed("2001:db8:1:2:ffff::1");

        assertThat(limits.blocked("2001:db8:1:2::99")).isPositive();
        assertThat(limits.blocked("2001:db8:1:3::10")).isZero();
        assertThat(AbuseLimits.network("2001:db8:1:2::10")).isEqualTo("20010db800010002::/64");
        assertThat(AbuseLimits.network("192.0.2.7")).isEqualTo("192.0.2.7");
    }
}

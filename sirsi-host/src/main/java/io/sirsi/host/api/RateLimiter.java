package io.sirsi.host.api;

import io.sirsi.host.RequestException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a caller): up to {@code burst} requests at once, refilled at {@code rate} requests
 * a second. Each bucket is one {@link AtomicLong} holding its theoretical arrival time (the generic cell rate
 * algorithm, equivalent to a token bucket), so a request is one compare-and-set, O(1) and lock-free. A bucket
 * that has refilled completely holds nothing a fresh one would not, so sweeps drop such idle buckets: memory
 * stays bounded by the keys active within the last refill period.
 */
public final class RateLimiter {
    private static final long DEAD = Long.MIN_VALUE;
    private static final long SWEEP_EVERY = TimeUnit.MINUTES.toNanos(1);

    private final int rate;
    private final long interval; // nanoseconds between two requests at the sustained rate
    private final long tolerance; // how far ahead of now the arrival time may run: the burst
    private final LongSupplier nanos;
    private final int maxBuckets;
    private final ConcurrentHashMap<String, AtomicLong> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep;

    private RateLimiter(Builder b) {
        this.rate = b.rate;
        this.interval = TimeUnit.SECONDS.toNanos(1) / b.rate;
        this.tolerance = interval * (b.burst - 1);
        this.nanos = b.nanos;
        this.maxBuckets = b.maxBuckets;
        this.lastSweep = new AtomicLong(nanos.getAsLong());
    }

    /** A limiter of {@code rate} requests a second per key, with bursts of up to {@code burst}, on the system clock. */
    public static RateLimiter create(int rate, int burst) {
        return builder(rate, burst).build();
    }

    /** A builder for a limiter of {@code rate} requests a second per key, with bursts of up to {@code burst}. */
    public static Builder builder(int rate, int burst) {
        return new Builder(rate, burst);
    }

    /**
     * Takes one request from the bucket of {@code key}.
     *
     * @param key whom the bucket belongs to, as messages name it: {@code token NAME}, {@code user NAME}
     * @throws RequestException of kind {@code RATE_LIMITED}, saying when to retry, if the bucket is empty
     */
    public void acquire(String key) {
        long wait = tryAcquire(key);
        if (wait > 0) {
            long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999));
            throw new RequestException(
                    RequestException.Kind.RATE_LIMITED,
                    "rate limit of " + rate + (rate == 1 ? " request/s" : " requests/s") + " exceeded for " + key
                            + "; retry in " + ms + " ms");
        }
    }

    /** Takes one request from the bucket of {@code key}: 0 if granted, otherwise the nanoseconds to wait. */
    public long tryAcquire(String key) {
        Objects.requireNonNull(key, "key");
        long now = nanos.getAsLong();
        maybeSweep(now);
        while (true) {
            AtomicLong bucket = buckets.computeIfAbsent(key, k -> new AtomicLong(now));
            long tat = bucket.get();
            if (tat == DEAD) {
                buckets.remove(key, bucket); // a sweep is dropping it; take a fresh one
                continue;
            }
            long start = tat - now > 0 ? tat : now;
            long ahead = start - now;
            if (ahead > tolerance) {
                return ahead - tolerance;
            }
            if (bucket.compareAndSet(tat, start + interval)) {
                return 0;
            }
        }
    }

    /** How many buckets are held. */
    int size() {
        return buckets.size();
    }

    private void maybeSweep(long now) {
        long last = lastSweep.get();
        // Over the bound, sweep at most once a refill interval, so that many active keys cost no sweep per request.
        boolean due = now - last >= SWEEP_EVERY || (buckets.size() > maxBuckets && now - last >= interval);
        if (due && lastSweep.compareAndSet(last, now)) {
            // A bucket is idle once its arrival time has passed: it is full, like a fresh one. Marking it dead
            // first means a request racing with the sweep retries on a fresh bucket instead of spending from a
            // bucket no longer in the map.
            buckets.forEach((key, bucket) -> {
                long tat = bucket.get();
                if (tat != DEAD && tat - now <= 0 && bucket.compareAndSet(tat, DEAD)) {
                    buckets.remove(key, bucket);
                }
            });
        }
    }

    /** Options of a {@link RateLimiter}. */
    public static final class Builder {
        private final int rate;
        private final int burst;
        private LongSupplier nanos = System::nanoTime;
        private int maxBuckets = 10_000;

        private Builder(int rate, int burst) {
            if (rate < 1 || rate > 1_000_000) {
                throw new IllegalArgumentException("a rate limit must be 1 to 1000000 requests/s, not " + rate);
            }
            if (burst < 1) {
                throw new IllegalArgumentException("a burst must be at least 1 request, not " + burst);
            }
            this.rate = rate;
            this.burst = burst;
        }

        /** The clock, in nanoseconds as {@link System#nanoTime()} counts them (tests advance their own). */
        public Builder nanoClock(LongSupplier nanos) {
            this.nanos = Objects.requireNonNull(nanos, "nanos");
            return this;
        }

        /** Past this many buckets, idle ones are swept at once rather than once a minute. */
        public Builder maxBuckets(int maxBuckets) {
            if (maxBuckets < 1) {
                throw new IllegalArgumentException("maxBuckets must be positive, not " + maxBuckets);
            }
            this.maxBuckets = maxBuckets;
            return this;
        }

        /** The limiter. */
        public RateLimiter build() {
            return new RateLimiter(this);
        }
    }
}

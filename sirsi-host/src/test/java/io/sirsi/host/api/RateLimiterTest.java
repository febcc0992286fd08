package io.sirsi.host.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.host.RequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets on a clock the test moves: no sleeps. */
class RateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
    private final RateLimiter limiter =
            RateLimiter.builder(10, 3).nanoClock(nanos::get).build(); // one request every 100 ms

    @Test
    void burstIsServedThenRefusedWithWhenToRetry() {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.tryAcquire("token a"), "request " + (i + 1) + " of the burst");
        }
        RequestException e = assertThrows(RequestException.class, () -> limiter.acquire("token a"));
        assertEquals(RequestException.Kind.RATE_LIMITED, e.kind());
        assertEquals("rate limit of 10 requests/s exceeded for token a; retry in 100 ms", e.getMessage());
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(40));
        e = assertThrows(RequestException.class, () -> limiter.acquire("token a"));
        assertTrue(e.getMessage().endsWith("retry in 60 ms"), e.getMessage());
    }

    @Test
    void bucketRefillsAsTheClockAdvances() {
        drain("token a", 3);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        assertDoesNotThrow(() -> limiter.acquire("token a"));
        assertTrue(limiter.tryAcquire("token a") > 0, "one interval refills one request");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
        drain("token a", 3); // full again, but never above the burst
        assertTrue(limiter.tryAcquire("token a") > 0);
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        drain("token a", 3);
        assertTrue(limiter.tryAcquire("token a") > 0);
        drain("token b", 3);
        assertTrue(limiter.tryAcquire("token b") > 0);
    }

    @Test
    void idleBucketsAreEvictedAndComeBackFull() {
        RateLimiter small =
                RateLimiter.builder(10, 3).nanoClock(nanos::get).maxBuckets(2).build();
        small.tryAcquire("token a");
        small.tryAcquire("token b");
        small.tryAcquire("token c");
        assertEquals(3, small.size());
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100)); // a, b and c have refilled: idle
        small.tryAcquire("token d");
        assertEquals(1, small.size(), "only d's bucket is held");
        for (int i = 0; i < 3; i++) {
            assertEquals(0, small.tryAcquire("token a"));
        }
        assertTrue(small.tryAcquire("token a") > 0, "a fresh bucket holds the burst, not more");
    }

    @Test
    void eightThreadsOnAFrozenClockGetExactlyTheBurst() throws Exception {
        RateLimiter shared = RateLimiter.builder(5, 100).nanoClock(() -> 0L).build();
        assertEquals(100, hammer(shared, 8, 5_000));
    }

    @Test
    void eightThreadsOnAMovingClockNeverExceedTheBudget() throws Exception {
        AtomicLong clock = new AtomicLong();
        // Each reading of the clock moves it 1 µs; at 1000 requests/s a request is earned every 1000 readings.
        RateLimiter shared = RateLimiter.builder(1000, 10)
                .nanoClock(() -> clock.addAndGet(1_000))
                .build();
        int granted = hammer(shared, 8, 10_000);
        long earned = clock.get() / TimeUnit.MILLISECONDS.toNanos(1);
        assertTrue(granted <= 10 + earned, granted + " granted, budget " + (10 + earned));
        assertTrue(granted >= 10, granted + " granted");
    }

    private int hammer(RateLimiter shared, int threads, int attempts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int mine = 0;
                    for (int i = 0; i < attempts; i++) {
                        if (shared.tryAcquire("token shared") == 0) {
                            mine++;
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    private void drain(String key, int n) {
        for (int i = 0; i < n; i++) {
            assertEquals(0, limiter.tryAcquire(key), key + " request " + (i + 1));
        }
    }
}

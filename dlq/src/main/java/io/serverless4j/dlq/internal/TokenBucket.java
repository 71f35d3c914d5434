/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket that paces callers to a rate by sleeping, never by spinning.
 *
 * <p>Tokens accrue at {@code permitsPerSecond} up to {@code capacity}. {@link #acquire(int)} takes its permits at
 * once, even into debt, and then sleeps exactly as long as the debt takes to repay; a later caller sees the debt and
 * sleeps longer. So concurrent callers are served in arrival order, each sleeps once, and the long-run rate is the
 * configured one. Thread-safe.
 */
public final class TokenBucket {

    /** Sleeps; replaced in tests by a fake that advances a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * Sleeps.
         *
         * @param nanos how long, positive
         * @throws InterruptedException when interrupted
         */
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final double permitsPerNano;
    private final double capacity;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private double tokens;
    private long lastRefill;

    /**
     * Creates a bucket.
     *
     * @param permitsPerSecond the rate, positive
     * @param capacity the most tokens that can be saved up (the largest burst), at least 1
     * @param initialTokens the tokens available at once, 0 to capacity
     * @param nanoClock a monotonic clock in nanoseconds
     * @param sleeper how to sleep
     */
    public TokenBucket(double permitsPerSecond, double capacity, double initialTokens, LongSupplier nanoClock,
            Sleeper sleeper) {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("permitsPerSecond must be positive and finite, was " + permitsPerSecond);
        }
        if (!(capacity >= 1)) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        if (!(initialTokens >= 0 && initialTokens <= capacity)) {
            throw new IllegalArgumentException("initialTokens must be 0 to " + capacity + ", was " + initialTokens);
        }
        this.permitsPerNano = permitsPerSecond / 1e9;
        this.capacity = capacity;
        this.tokens = initialTokens;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.lastRefill = nanoClock.getAsLong();
    }

    /**
     * A bucket on the system clock for a replay: bursts of at most one second's worth of messages (and never less
     * than one batch of 10), with one batch available at once.
     *
     * @param messagesPerSecond the rate
     * @return the bucket
     */
    public static TokenBucket forRate(double messagesPerSecond) {
        double capacity = Math.max(10, messagesPerSecond);
        return new TokenBucket(messagesPerSecond, capacity, Math.min(10, capacity), System::nanoTime,
                nanos -> TimeUnit.NANOSECONDS.sleep(nanos));
    }

    /**
     * Takes {@code permits} tokens, sleeping until the bucket has paid for them.
     *
     * @param permits how many, at least 1
     * @return how long this call slept, in nanoseconds
     * @throws InterruptedException when interrupted while sleeping (the permits stay taken)
     */
    public long acquire(int permits) throws InterruptedException {
        return tryAcquire(permits, Long.MAX_VALUE);
    }

    /**
     * Takes {@code permits} tokens and sleeps until the bucket has paid for them, unless that wait would be longer
     * than {@code maxWaitNanos}: then it takes nothing and returns at once (e.g. when the wait would pass a deadline).
     *
     * @param permits how many, at least 1
     * @param maxWaitNanos the longest wait acceptable, zero or more
     * @return how long this call slept, in nanoseconds, or -1 when it took nothing because the wait was too long
     * @throws InterruptedException when interrupted while sleeping (the permits stay taken)
     */
    public long tryAcquire(int permits, long maxWaitNanos) throws InterruptedException {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, was " + permits);
        }
        long waitNanos;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            tokens = Math.min(capacity, tokens + (now - lastRefill) * permitsPerNano);
            lastRefill = now;
            double after = tokens - permits;
            waitNanos = after >= 0 ? 0 : (long) Math.ceil(-after / permitsPerNano);
            if (waitNanos > maxWaitNanos) {
                return -1;
            }
            tokens = after;
        }
        if (waitNanos > 0) {
            sleeper.sleepNanos(waitNanos);
        }
        return waitNanos;
    }
}

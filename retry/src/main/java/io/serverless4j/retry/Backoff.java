/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * A capped exponential backoff schedule, with or without jitter, as AWS recommends it ("Exponential Backoff and
 * Jitter", AWS Architecture Blog): the wait before retry {@code n} grows as {@code base * 2^(n-1)} up to
 * {@code cap}, and jitter spreads concurrent clients apart so they do not retry in lock-step.
 *
 * <p>resilience4j's randomized backoff varies the interval by ±factor around the exponential curve, which keeps
 * clients bunched; these strategies draw from the whole range instead. Plug one into resilience4j with
 * {@link #toIntervalFunction()} or {@link #toIntervalBiFunction()}, or give it to a {@link RetryPolicy}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Backoff {

    /** How the wait is drawn from the exponential curve {@code e(n) = min(cap, base * 2^(n-1))}. */
    public enum Strategy {
        /** Exactly {@code e(n)}: no jitter. Predictable, but concurrent clients collide. */
        EXPONENTIAL,
        /** Uniform in {@code [0, e(n)]}: the least total work and contention; AWS SDKs' default. */
        FULL_JITTER,
        /** {@code e(n)/2} plus uniform in {@code [0, e(n)/2]}: never waits less than half the curve. */
        EQUAL_JITTER,
        /**
         * {@code min(cap, uniform in [base, 3 * previous wait])}, starting from {@code base}. resilience4j gives
         * an interval function only the attempt number, so the chain of previous waits is drawn afresh for each
         * attempt: each wait has the algorithm's distribution for its attempt, and consecutive waits of one call
         * are independent draws.
         */
        DECORRELATED_JITTER
    }

    private static final Backoff STANDARD = new Backoff(Strategy.FULL_JITTER, Duration.ofMillis(100),
            Duration.ofSeconds(20));
    private static final Backoff THROTTLED = new Backoff(Strategy.FULL_JITTER, Duration.ofSeconds(1),
            Duration.ofSeconds(20));

    private final Strategy strategy;
    private final Duration base;
    private final Duration cap;

    private Backoff(Strategy strategy, Duration base, Duration cap) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.base = Objects.requireNonNull(base, "base");
        this.cap = Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("base must be positive, was " + base);
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("cap (" + cap + ") must not be below base (" + base + ")");
        }
    }

    /**
     * A schedule with the given strategy.
     *
     * @param strategy how waits are drawn
     * @param base the first wait's scale, positive
     * @param cap the longest wait, at least {@code base}
     * @return the schedule
     * @throws IllegalArgumentException when base is not positive or cap is below base
     */
    public static Backoff of(Strategy strategy, Duration base, Duration cap) {
        return new Backoff(strategy, base, cap);
    }

    /**
     * Full jitter.
     *
     * @param base the first wait's scale
     * @param cap the longest wait
     * @return the schedule
     */
    public static Backoff fullJitter(Duration base, Duration cap) {
        return new Backoff(Strategy.FULL_JITTER, base, cap);
    }

    /**
     * Equal jitter.
     *
     * @param base the first wait's scale
     * @param cap the longest wait
     * @return the schedule
     */
    public static Backoff equalJitter(Duration base, Duration cap) {
        return new Backoff(Strategy.EQUAL_JITTER, base, cap);
    }

    /**
     * Decorrelated jitter.
     *
     * @param base the shortest wait
     * @param cap the longest wait
     * @return the schedule
     */
    public static Backoff decorrelatedJitter(Duration base, Duration cap) {
        return new Backoff(Strategy.DECORRELATED_JITTER, base, cap);
    }

    /**
     * Capped exponential, no jitter.
     *
     * @param base the first wait
     * @param cap the longest wait
     * @return the schedule
     */
    public static Backoff exponential(Duration base, Duration cap) {
        return new Backoff(Strategy.EXPONENTIAL, base, cap);
    }

    /**
     * The preset for ordinary transient errors: full jitter, base 100 ms, cap 20 s (the AWS SDKs' standard mode).
     *
     * @return the preset
     */
    public static Backoff standard() {
        return STANDARD;
    }

    /**
     * The preset for throttling errors: full jitter, base 1 s, cap 20 s, so a throttled service gets room
     * (the AWS SDKs' standard mode uses the same throttling base).
     *
     * @return the preset
     */
    public static Backoff throttled() {
        return THROTTLED;
    }

    /**
     * The strategy.
     *
     * @return how waits are drawn
     */
    public Strategy strategy() {
        return strategy;
    }

    /**
     * The base.
     *
     * @return the first wait's scale
     */
    public Duration base() {
        return base;
    }

    /**
     * The cap.
     *
     * @return the longest wait
     */
    public Duration cap() {
        return cap;
    }

    /**
     * The wait before retry number {@code attempt} (1: the wait after the first failure).
     *
     * @param attempt the 1-based number of the attempt that failed
     * @return the wait
     * @throws IllegalArgumentException when attempt is below 1
     */
    public Duration delay(int attempt) {
        return delay(attempt, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The wait before retry number {@code attempt}, drawing jitter from {@code random} (uniform in [0, 1)), so
     * that schedules can be checked with seeded randomness.
     *
     * @param attempt the 1-based number of the attempt that failed
     * @param random uniform draws in [0, 1)
     * @return the wait
     * @throws IllegalArgumentException when attempt is below 1
     */
    public Duration delay(int attempt, DoubleSupplier random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt numbers start at 1, was " + attempt);
        }
        long baseNanos = base.toNanos();
        long capNanos = cap.toNanos();
        long curve = exponential(baseNanos, capNanos, attempt);
        long nanos = switch (strategy) {
            case EXPONENTIAL -> curve;
            case FULL_JITTER -> (long) (random.getAsDouble() * curve);
            case EQUAL_JITTER -> curve / 2 + (long) (random.getAsDouble() * (curve - curve / 2));
            case DECORRELATED_JITTER -> {
                long wait = baseNanos;
                for (int i = 0; i < attempt; i++) {
                    long upper = wait > capNanos / 3 ? capNanos : wait * 3;
                    wait = Math.min(capNanos, baseNanos + (long) (random.getAsDouble() * (upper - baseNanos)));
                }
                yield wait;
            }
        };
        return Duration.ofNanos(nanos);
    }

    private static long exponential(long baseNanos, long capNanos, int attempt) {
        int shift = attempt - 1;
        if (shift >= 62 || baseNanos > (capNanos >> Math.min(shift, 62))) {
            return capNanos;
        }
        return Math.min(capNanos, baseNanos << shift);
    }

    /**
     * This schedule as a resilience4j interval function ({@code RetryConfig.custom().intervalFunction(...)}).
     *
     * @return the function, in milliseconds as resilience4j expects
     */
    public IntervalFunction toIntervalFunction() {
        return attempt -> delay(attempt).toMillis();
    }

    /**
     * This schedule as a resilience4j interval bi-function ({@code RetryConfig.custom().intervalBiFunction(...)}).
     *
     * @param <T> the result type of the decorated call
     * @return the function, in milliseconds
     */
    public <T> IntervalBiFunction<T> toIntervalBiFunction() {
        return (attempt, outcome) -> delay(attempt).toMillis();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Backoff b && b.strategy == strategy && b.base.equals(base) && b.cap.equals(cap);
    }

    @Override
    public int hashCode() {
        return Objects.hash(strategy, base, cap);
    }

    @Override
    public String toString() {
        return "Backoff[" + strategy + ", base " + base + ", cap " + cap + "]";
    }
}

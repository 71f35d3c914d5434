/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The clock an invocation's deadline is measured on, and the way its waits pass: {@link #system()} in Lambda.
 *
 * <p>Tests drive every serverless4j deadline on a fake clock by handing in a Lambda {@code Context} that also
 * implements this interface ({@code TestLambdaContext.onFakeClock} in {@code serverless4j-testing} does):
 * {@link Invocation#of} then measures the deadline, the length of attempts and the backoff waits on it, so no test
 * has to sleep in real time. Implementations must be thread-safe.
 */
public interface Ticker {

    /**
     * A monotonic reading in nanoseconds, comparable only with other readings of the same ticker.
     *
     * @return the reading
     */
    long nanoTime();

    /**
     * Lets {@code duration} pass: a real sleep on the system ticker, an advance of the clock on a fake one.
     *
     * @param duration how long; zero or negative returns at once
     * @throws InterruptedException when the thread is interrupted while sleeping
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Whether readings follow real time. The SDK's timeouts run in real time, so only on such a ticker can a
     * request's timeout be derived from the deadline; on a fake clock, the deadline governs when attempts and waits
     * start, and requests run to their end.
     *
     * @return true for real time; false by default
     */
    default boolean realTime() {
        return false;
    }

    /**
     * The real clock: {@link System#nanoTime()} and {@link Thread#sleep}.
     *
     * @return the system ticker
     */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }

    /** The real clock, as an enum so it is a serializable singleton with no state. */
    enum SystemTicker implements Ticker {
        /** The one instance. */
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public boolean realTime() {
            return true;
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                return;
            }
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    }
}

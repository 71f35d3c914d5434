/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Retries a call with backoff, but never starts an attempt, or a wait, that cannot finish before the Lambda
 * function's deadline less a safety margin. When the time left is too short it stops with a
 * {@link DeadlineExceededException} that says how many attempts ran and why it stopped, so the function can
 * report the failure (or hand the work back to its queue) instead of being killed by Lambda's timeout mid-write.
 *
 * <pre>{@code
 * static final DeadlineRetry RETRY = DeadlineRetry.builder().maxAttempts(5).build();
 * ...
 * Order order = RETRY.call(context, () -> orders.load(id));
 * }</pre>
 *
 * <p>An attempt is assumed to take as long as the longest attempt so far; the first attempt only needs the
 * margin. Non-retryable failures (by default: {@link AwsErrors#isRetryable} false) are rethrown unchanged.
 * resilience4j's {@code Retry} cannot veto a wait on a deadline (its interval functions cannot say "stop"), so
 * the loop is ours; the schedules are the same {@link Backoff}s it uses. Immutable and thread-safe.
 */
public final class DeadlineRetry {

    private final int maxAttempts;
    private final Backoff backoff;
    private final Backoff throttledBackoff;
    private final Duration safetyMargin;
    private final Predicate<Throwable> retryOn;
    private final Sleeper sleeper;
    private final LongSupplier ticker;

    private DeadlineRetry(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.backoff = builder.backoff;
        this.throttledBackoff = builder.throttledBackoff;
        this.safetyMargin = builder.safetyMargin;
        this.retryOn = builder.retryOn;
        this.sleeper = builder.sleeper;
        this.ticker = builder.ticker;
    }

    /**
     * A builder with the defaults: 3 attempts, {@link Backoff#standard()}, {@link Backoff#throttled()} after
     * throttling, a 500 ms safety margin, retry on {@link AwsErrors#isRetryable}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this object's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.maxAttempts = maxAttempts;
        builder.backoff = backoff;
        builder.throttledBackoff = throttledBackoff;
        builder.safetyMargin = safetyMargin;
        builder.retryOn = retryOn;
        builder.sleeper = sleeper;
        builder.ticker = ticker;
        return builder;
    }

    /**
     * Runs {@code work}, retrying retryable failures while attempts and time are left.
     *
     * @param context the Lambda context whose remaining time bounds the retries; null for no deadline
     * @param work the call
     * @param <T> its result type
     * @return the first successful result
     * @throws DeadlineExceededException when the time left cannot fit another attempt (or the first)
     * @throws RetriesExhaustedException when every attempt failed with a retryable error
     * @throws RuntimeException the call's own failure, unchanged, when it is not retryable
     */
    public <T> T call(Context context, Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        long longestAttemptNanos = 0;
        RuntimeException last = null;
        for (int attempt = 1; ; attempt++) {
            long available = availableNanos(context);
            if (available < longestAttemptNanos || available <= 0) {
                throw deadline(context, attempt - 1, last, longestAttemptNanos, 0);
            }
            long started = ticker.getAsLong();
            try {
                return work.get();
            } catch (RuntimeException failure) {
                longestAttemptNanos = Math.max(longestAttemptNanos, ticker.getAsLong() - started);
                if (!retryOn.test(failure)) {
                    throw failure;
                }
                if (attempt >= maxAttempts) {
                    throw new RetriesExhaustedException(attempt, failure);
                }
                last = failure;
                Duration wait = (AwsErrors.isThrottling(failure) ? throttledBackoff : backoff).delay(attempt);
                if (availableNanos(context) < wait.toNanos() + longestAttemptNanos) {
                    throw deadline(context, attempt, failure, longestAttemptNanos, wait.toNanos());
                }
                sleep(wait, attempt, failure);
            }
        }
    }

    /**
     * Runs {@code work} like {@link #call}, for calls without a result.
     *
     * @param context the Lambda context; null for no deadline
     * @param work the call
     */
    public void run(Context context, Runnable work) {
        Objects.requireNonNull(work, "work");
        call(context, () -> {
            work.run();
            return null;
        });
    }

    private long availableNanos(Context context) {
        if (context == null) {
            return Long.MAX_VALUE;
        }
        return Duration.ofMillis(context.getRemainingTimeInMillis()).minus(safetyMargin).toNanos();
    }

    private DeadlineExceededException deadline(Context context, int attempts, RuntimeException last,
            long attemptNanos, long waitNanos) {
        Duration remaining = Duration.ofMillis(context.getRemainingTimeInMillis());
        String why = attempts == 0
                ? "no attempt was started: " + millis(remaining) + " remained, less than the safety margin of "
                        + millis(safetyMargin)
                : "stopped after " + attempts + (attempts == 1 ? " attempt" : " attempts") + ": the next would wait "
                        + millis(Duration.ofNanos(waitNanos)) + " and take about " + millis(Duration.ofNanos(attemptNanos))
                        + " (the longest attempt so far), but only " + millis(remaining) + " remained before the Lambda "
                        + "deadline, and " + millis(safetyMargin) + " of it is kept as a safety margin";
        return new DeadlineExceededException(why + (last == null ? "" : "; the last failure: " + last), attempts,
                remaining, last);
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private void sleep(Duration wait, int attempt, RuntimeException failure) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(e);
            throw new RetriesExhaustedException(attempt, failure);
        }
    }

    @Override
    public String toString() {
        return "DeadlineRetry[maxAttempts " + maxAttempts + ", " + backoff + ", throttled " + throttledBackoff
                + ", safety margin " + safetyMargin + "]";
    }

    /** Builds a {@link DeadlineRetry}; not thread-safe, use it on one thread. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Backoff backoff = Backoff.standard();
        private Backoff throttledBackoff = Backoff.throttled();
        private Duration safetyMargin = Duration.ofMillis(500);
        private Predicate<Throwable> retryOn = AwsErrors::isRetryable;
        private Sleeper sleeper = Sleeper.THREAD;
        private LongSupplier ticker = System::nanoTime;

        private Builder() {}

        /**
         * Attempts in all, including the first.
         *
         * @param maxAttempts at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = Settings.maxAttempts(maxAttempts);
            return this;
        }

        /**
         * The schedule after retryable failures that are not throttling.
         *
         * @param backoff the schedule
         * @return this builder
         */
        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * The schedule after throttling.
         *
         * @param throttledBackoff the schedule
         * @return this builder
         */
        public Builder throttledBackoff(Backoff throttledBackoff) {
            this.throttledBackoff = Objects.requireNonNull(throttledBackoff, "throttledBackoff");
            return this;
        }

        /**
         * Time kept free before the Lambda deadline, for reporting the failure and returning.
         *
         * @param safetyMargin zero or more
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder safetyMargin(Duration safetyMargin) {
            this.safetyMargin = Settings.safetyMargin(safetyMargin);
            return this;
        }

        /**
         * Which failures to retry; others are rethrown unchanged.
         *
         * @param retryOn the predicate
         * @return this builder
         */
        public Builder retryOn(Predicate<Throwable> retryOn) {
            this.retryOn = Objects.requireNonNull(retryOn, "retryOn");
            return this;
        }

        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Builds the immutable retry.
         *
         * @return the retry
         */
        public DeadlineRetry build() {
            return new DeadlineRetry(this);
        }
    }
}

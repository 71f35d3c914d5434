/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.RetryConfig;
import java.util.Objects;

/**
 * Ready resilience4j {@link RetryConfig}s for calls to AWS: retry only what {@link AwsErrors} says is retryable,
 * with the {@linkplain Backoff#throttled() throttling backoff} after throttling and the
 * {@linkplain Backoff#standard() standard backoff} after anything else.
 *
 * <pre>{@code
 * Retry retry = Retry.of("orders-table", AwsRetry.config(4));
 * PutItemResponse response = Retry.decorateSupplier(retry, () -> dynamoDb.putItem(request)).get();
 * }</pre>
 */
public final class AwsRetry {

    private AwsRetry() {}

    /**
     * A config with the presets and {@code maxAttempts} attempts in all.
     *
     * @param maxAttempts attempts including the first, at least 1
     * @param <T> the result type of the decorated calls
     * @return the config
     */
    public static <T> RetryConfig config(int maxAttempts) {
        return config(maxAttempts, Backoff.standard(), Backoff.throttled());
    }

    /**
     * A config with the given schedules.
     *
     * @param maxAttempts attempts including the first, at least 1
     * @param backoff the schedule after transient errors
     * @param throttledBackoff the schedule after throttling
     * @param <T> the result type of the decorated calls
     * @return the config
     * @throws IllegalArgumentException when maxAttempts is below 1
     */
    public static <T> RetryConfig config(int maxAttempts, Backoff backoff, Backoff throttledBackoff) {
        Settings.maxAttempts(maxAttempts);
        return RetryConfig.<T>custom()
                .maxAttempts(maxAttempts)
                .retryOnException(AwsErrors::isRetryable)
                .intervalBiFunction(intervals(backoff, throttledBackoff))
                .build();
    }

    /**
     * An interval function that picks the schedule by the failure: throttling or not.
     *
     * @param backoff the schedule after transient errors
     * @param throttledBackoff the schedule after throttling
     * @param <T> the result type of the decorated calls
     * @return the function, in milliseconds
     */
    public static <T> IntervalBiFunction<T> intervals(Backoff backoff, Backoff throttledBackoff) {
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(throttledBackoff, "throttledBackoff");
        return (attempt, outcome) -> {
            boolean throttled = outcome.isLeft() && AwsErrors.isThrottling(outcome.getLeft());
            return (throttled ? throttledBackoff : backoff).delay(attempt).toMillis();
        };
    }
}

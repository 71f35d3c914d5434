/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * One attempt of a call made through a {@link RetryPolicy}: its number, the time it may take, and the SDK request
 * settings that hold it to that time.
 *
 * <pre>{@code
 * POLICY.call("DynamoDB GetItem", context, attempt ->
 *         dynamoDb.getItem(r -> r.tableName("orders").key(key).overrideConfiguration(attempt.overrideConfiguration())));
 * }</pre>
 *
 * <p>Immutable; valid for the attempt it was handed to.
 */
public final class Attempt {

    /** A request plugin that turns the client's own retries off: the policy decides every retry. */
    private static final SdkPlugin NO_SDK_RETRIES = config -> config.overrideConfiguration(
            override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()));

    private final int number;
    private final Duration timeLeft;
    private final Duration timeout;
    private final boolean timeoutIsTheDeadline;
    private AwsRequestOverrideConfiguration overrideConfiguration;

    Attempt(int number, Duration timeLeft, Duration timeout, boolean timeoutIsTheDeadline) {
        this.number = number;
        this.timeLeft = timeLeft;
        this.timeout = timeout;
        this.timeoutIsTheDeadline = timeoutIsTheDeadline;
    }

    /**
     * The attempt's number: 1 for the first.
     *
     * @return the number
     */
    public int number() {
        return number;
    }

    /**
     * The time left before the deadline less the policy's safety margin when the attempt started.
     *
     * @return the time left; a duration longer than any invocation outside Lambda
     */
    public Duration timeLeft() {
        return timeLeft;
    }

    /**
     * The longest this attempt may take: the time left, or the policy's attempt timeout when that is shorter.
     *
     * @return the timeout, or null when neither applies (outside Lambda, no attempt timeout)
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The SDK request settings for this attempt: {@code apiCallTimeout} and {@code apiCallAttemptTimeout} at
     * {@link #timeout()}, so a throttled, slow or silent endpoint cannot hold the call past the deadline; and the
     * client's own retries off, so that the policy alone decides what is retried and how long it waits (a client
     * left at its defaults would retry a throttled DynamoDB call up to 8 more times inside one attempt).
     *
     * @return the settings, for {@code requestBuilder.overrideConfiguration(...)}
     */
    public AwsRequestOverrideConfiguration overrideConfiguration() {
        AwsRequestOverrideConfiguration config = overrideConfiguration;
        if (config == null) {
            AwsRequestOverrideConfiguration.Builder builder = AwsRequestOverrideConfiguration.builder()
                    .plugins(List.of(NO_SDK_RETRIES));
            if (timeout != null) {
                builder.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout);
            }
            config = builder.build();
            overrideConfiguration = config;
        }
        return config;
    }

    /** Whether {@code failure} is the SDK's timeout that {@link #overrideConfiguration()} set from the deadline. */
    boolean isDeadlineTimeout(Throwable failure) {
        if (!timeoutIsTheDeadline) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Attempt[" + number + ", timeout " + timeout + "]";
    }
}

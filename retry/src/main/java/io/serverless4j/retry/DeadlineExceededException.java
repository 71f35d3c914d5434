/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import java.time.Duration;

/**
 * Thrown by {@link DeadlineRetry} when the Lambda's remaining time, less the safety margin, leaves no room for
 * another attempt: the function stops with a clear error instead of being killed mid-attempt by Lambda's timeout.
 * The cause is the last failure, if an attempt ran.
 */
public final class DeadlineExceededException extends RetryException {

    private static final long serialVersionUID = 1L;

    private final int attempts;
    private final Duration remainingTime;

    DeadlineExceededException(String message, int attempts, Duration remainingTime, Throwable lastFailure) {
        super(message, lastFailure);
        this.attempts = attempts;
        this.remainingTime = remainingTime;
    }

    /**
     * How many attempts ran before it stopped (0 when there was no time for the first).
     *
     * @return the number of attempts
     */
    public int attempts() {
        return attempts;
    }

    /**
     * The Lambda's remaining time when it stopped, before the safety margin was taken off.
     *
     * @return the remaining time
     */
    public Duration remainingTime() {
        return remainingTime;
    }
}

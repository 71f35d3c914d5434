/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import java.time.Duration;

/**
 * Thrown by {@link RetryPolicy#call} when the Lambda's remaining time, less the safety margin, leaves no room for
 * another attempt, or an attempt's SDK timeout set from the deadline cut it off: the function stops with a clear
 * error instead of being killed by Lambda's timeout mid-write. The cause is the last failure, if an attempt ran.
 * Modules that make AWS calls rethrow it as the deadline error of their own subtree, with this as the cause.
 */
public final class DeadlineExceededException extends RetryException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int attempts;
    private final Duration remainingTime;

    DeadlineExceededException(String message, String operation, int attempts, Duration remainingTime,
            Throwable lastFailure) {
        super(message, lastFailure);
        this.operation = operation;
        this.attempts = attempts;
        this.remainingTime = remainingTime;
    }

    /**
     * What was called.
     *
     * @return the operation, e.g. {@code DynamoDB PutItem}
     */
    public String operation() {
        return operation;
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

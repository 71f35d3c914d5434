/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

/**
 * Thrown by {@link DeadlineRetry} when every allowed attempt failed with a retryable error; the cause is the last
 * failure.
 */
public final class RetriesExhaustedException extends RetryException {

    private static final long serialVersionUID = 1L;

    private final int attempts;

    RetriesExhaustedException(int attempts, Throwable lastFailure) {
        super("gave up after " + attempts + " attempts, all failed with retryable errors; the last: " + lastFailure,
                lastFailure);
        this.attempts = attempts;
    }

    /**
     * How many attempts ran.
     *
     * @return the number of attempts
     */
    public int attempts() {
        return attempts;
    }
}

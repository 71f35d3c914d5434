/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

/**
 * Thrown by {@link RetryPolicy#call} when every allowed attempt failed with a retryable error; the cause is the last
 * failure.
 */
public final class RetriesExhaustedException extends RetryException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int attempts;

    RetriesExhaustedException(String operation, int attempts, Throwable lastFailure) {
        super(operation + ": gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                + ", all failed with retryable errors; the last: " + lastFailure, lastFailure);
        this.operation = operation;
        this.attempts = attempts;
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
     * How many attempts ran.
     *
     * @return the number of attempts
     */
    public int attempts() {
        return attempts;
    }
}

/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import io.serverless4j.Serverless4jException;

/**
 * The root of every exception that {@code serverless4j-retry} throws ({@link DeadlineExceededException},
 * {@link RetriesExhaustedException}), so callers can catch this module's failures with one {@code catch}.
 *
 * <p>Unchecked, like its parent {@link Serverless4jException}. Instances are immutable and may be shared between
 * threads.
 */
public abstract class RetryException extends Serverless4jException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names what went wrong.
     *
     * @param message what was wrong and, where possible, what to do
     */
    protected RetryException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the failure that caused it.
     *
     * @param message what was wrong and, where possible, what to do
     * @param cause the underlying failure
     */
    protected RetryException(String message, Throwable cause) {
        super(message, cause);
    }
}

/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import io.serverless4j.Serverless4jException;

/**
 * The root of the retry module's exceptions: retries that gave up, deadlines that left no room, batches and
 * publications that could not complete.
 */
public abstract class RetryException extends Serverless4jException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and why it stopped
     * @param cause the last failure, or null
     */
    protected RetryException(String message, Throwable cause) {
        super(message, cause);
    }
}

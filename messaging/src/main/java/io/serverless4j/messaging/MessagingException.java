/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.messaging;

import io.serverless4j.Serverless4jException;

/**
 * The root of every exception that {@code serverless4j-messaging} throws, so callers can catch this module's
 * failures with one {@code catch}. What a service refused is not thrown but reported ({@link PublishReport}).
 *
 * <p>Unchecked, like its parent. Instances are immutable and may be shared between threads.
 */
public abstract class MessagingException extends Serverless4jException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names what went wrong.
     *
     * @param message what was wrong and, where possible, what to do
     */
    protected MessagingException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the failure that caused it.
     *
     * @param message what was wrong and, where possible, what to do
     * @param cause the underlying failure
     */
    protected MessagingException(String message, Throwable cause) {
        super(message, cause);
    }
}

/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import io.serverless4j.Serverless4jException;

/**
 * The root of the exceptions thrown by the events module, so a handler can catch every events failure at once.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public abstract class EventsException extends Serverless4jException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names what went wrong.
     *
     * @param message what was wrong and, where possible, what to do
     */
    protected EventsException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the failure that caused it.
     *
     * @param message what was wrong and, where possible, what to do
     * @param cause the underlying failure
     */
    protected EventsException(String message, Throwable cause) {
        super(message, cause);
    }
}

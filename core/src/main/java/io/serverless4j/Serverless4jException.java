/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j;

/**
 * The root of every exception that serverless4j throws, so a handler can tell our failures apart from its own
 * with one {@code catch}.
 *
 * <p>Each module has its own subtree (events, idempotency, retry, thumbnails, testing). Messages name the thing
 * that was wrong and what to do about it. Unchecked on purpose: Lambda handlers rarely can recover locally, and
 * checked exceptions do not compose with {@code Supplier}/{@code Function} based decorators.
 */
public abstract class Serverless4jException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names what went wrong.
     *
     * @param message what was wrong and, where possible, what to do
     */
    protected Serverless4jException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the failure that caused it.
     *
     * @param message what was wrong and, where possible, what to do
     * @param cause the underlying failure
     */
    protected Serverless4jException(String message, Throwable cause) {
        super(message, cause);
    }
}

/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

/**
 * The idempotency store could not be used: the table is missing, access is denied, or the store stayed throttled
 * or unavailable after the store's {@code RetryPolicy} gave up; {@link IdempotencyDeadlineException}, a subclass,
 * when the invocation's deadline stopped it.
 *
 * <p>Thrown by {@link io.serverless4j.idempotency.spi.IdempotencyStore} implementations. When it is thrown before
 * the work ran (taking the lock), nothing was executed and the call can simply be retried; when it is thrown after
 * ({@link #workRan()}), the work ran and its result was not stored. The message names the operation, the table
 * and the hashed key, and says what to check. Immutable.
 */
public class IdempotencyStoreException extends IdempotencyException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param hashedKey the hashed key the store was working on, or null
     * @param message what failed and what to do
     * @param cause the client's exception, or null
     */
    public IdempotencyStoreException(String hashedKey, String message, Throwable cause) {
        super(hashedKey, message, cause);
    }

    /**
     * Creates the exception, saying whether the work ran before it.
     *
     * @param hashedKey the hashed key, or null
     * @param message what failed and what to do
     * @param cause the underlying failure, or null
     * @param workRan true when the work ran and only storing its result failed
     */
    IdempotencyStoreException(String hashedKey, String message, Throwable cause, boolean workRan) {
        super(hashedKey, message, cause, workRan);
    }
}

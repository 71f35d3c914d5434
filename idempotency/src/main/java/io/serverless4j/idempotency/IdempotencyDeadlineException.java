/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

/**
 * The invocation's deadline stopped a store call: no time was left (less the retry policy's safety margin) to
 * start or retry it, or the request's SDK timeout, derived from the deadline, cut it off. The cause is the retry
 * module's {@code DeadlineExceededException} (for the shipped stores).
 *
 * <p>Nothing is half-written (docs/idempotency.md, "Nothing half-written"): the key is locked or not. When taking
 * the key timed out, the work did not run; a lock that may have been written lives until this invocation's
 * deadline, never longer. When completing timed out ({@link #workRan()}), the work ran and the record stays
 * {@code IN_PROGRESS} until the deadline: a call before then gets {@link IdempotencyInProgressException}, one after
 * it runs the work again (at-least-once).
 *
 * <p>A subclass of {@link IdempotencyStoreException} on purpose: a deadline is one way of the store not being
 * usable, so a {@code catch (IdempotencyStoreException e)} that answers "try again later" also covers it, and a
 * handler that cares can catch this type first. Immutable.
 */
public final class IdempotencyDeadlineException extends IdempotencyStoreException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception; stores throw it when the deadline stops one of their calls.
     *
     * @param hashedKey the hashed key the store was working on, or null
     * @param message what was stopped, how much time was left, and what to do
     * @param cause the retry module's {@code DeadlineExceededException}, or null
     */
    public IdempotencyDeadlineException(String hashedKey, String message, Throwable cause) {
        super(hashedKey, message, cause);
    }

    /**
     * Creates the exception, saying whether the work ran before it.
     *
     * @param hashedKey the hashed key
     * @param message what was stopped and what to do
     * @param cause the retry module's {@code DeadlineExceededException}, or null
     * @param workRan true when the work ran and only storing its result was stopped
     */
    IdempotencyDeadlineException(String hashedKey, String message, Throwable cause, boolean workRan) {
        super(hashedKey, message, cause, workRan);
    }
}

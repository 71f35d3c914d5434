/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import io.serverless4j.Serverless4jException;
import java.util.Optional;

/**
 * The root of every exception the idempotency module throws, so a handler can catch them with one {@code catch}.
 *
 * <p>Messages name the hashed key ({@code <keyPrefix>#<sha256 hex>}), never the raw key, and say what to do.
 * Unchecked, like every {@link Serverless4jException}. Instances are immutable.
 */
public abstract class IdempotencyException extends Serverless4jException {

    private static final long serialVersionUID = 1L;

    /** The hashed key, or null when the failure is not about one key. */
    private final String hashedKey;
    /** Whether the work ran before this failure. */
    private final boolean workRan;

    /**
     * Creates an exception about one key (or none), thrown before the work ran or without running it.
     *
     * @param hashedKey the hashed key ({@code <keyPrefix>#<hex>}), or null
     * @param message what was wrong and what to do
     * @param cause the underlying failure, or null
     */
    protected IdempotencyException(String hashedKey, String message, Throwable cause) {
        this(hashedKey, message, cause, false);
    }

    /**
     * Creates an exception about one key (or none), saying whether the work ran before it.
     *
     * @param hashedKey the hashed key ({@code <keyPrefix>#<hex>}), or null
     * @param message what was wrong and what to do
     * @param cause the underlying failure, or null
     * @param workRan true when the work ran and only recording its result failed
     */
    protected IdempotencyException(String hashedKey, String message, Throwable cause, boolean workRan) {
        super(message, cause);
        this.hashedKey = hashedKey;
        this.workRan = workRan;
    }

    /**
     * The hashed key this failure is about: {@code <keyPrefix>#<sha256 hex of the canonical key>}. Safe to log;
     * the raw key cannot be recovered from it.
     *
     * @return the hashed key, or empty when the failure is not about one key (e.g. a missing key)
     */
    public Optional<String> hashedKey() {
        return Optional.ofNullable(hashedKey);
    }

    /**
     * Whether the work ran before this failure: its effects have happened, but its result was not recorded, or
     * the store could not confirm that it was (the store could not be reached in time, or the result could not be
     * serialized). The key then stays locked ({@code IN_PROGRESS}) until the invocation's deadline, never longer, and
     * a call after that deadline runs the work again (at-least-once); or, when a completion reached the store but
     * its answer was lost, the result is stored whole and replayed. A caller that must not repeat the effect treats the work as done: the ready SQS
     * decorator {@link Idempotency#oncePerMessage} acknowledges such a record.
     *
     * @return true when the work ran; false when nothing ran
     */
    public boolean workRan() {
        return workRan;
    }
}

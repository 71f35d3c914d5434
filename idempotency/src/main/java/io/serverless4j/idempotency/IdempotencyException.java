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

    /**
     * Creates an exception about one key (or none).
     *
     * @param hashedKey the hashed key ({@code <keyPrefix>#<hex>}), or null
     * @param message what was wrong and what to do
     * @param cause the underlying failure, or null
     */
    protected IdempotencyException(String hashedKey, String message, Throwable cause) {
        super(message, cause);
        this.hashedKey = hashedKey;
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
}

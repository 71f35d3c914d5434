/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import java.util.Objects;

/**
 * A result could not be converted to or from JSON with the configured {@code ObjectMapper}.
 *
 * <p>Three cases, each named in the message: (1) the result <em>type</em> cannot round-trip through the mapper (no
 * serializer or deserializer, such as {@code java.time} without its module, an empty bean, a class without a
 * creator) — found before the key is taken, so nothing ran and nothing was stored; (2) the result <em>value</em>
 * failed to serialize or to read back after the work ran (a subtype, a throwing getter) — the record is kept
 * {@code IN_PROGRESS} until the invocation's deadline, never longer, and {@link #workRan()} is true; (3) a stored
 * result does not deserialize into the requested type — nothing ran. What to do: make the result type round-trip
 * through Jackson (a record, or a class with a creator), and request the same type on every call with the same
 * key prefix. Immutable.
 */
public final class IdempotencyResultException extends IdempotencyException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param hashedKey the hashed key
     * @param message what could not be converted and what to do
     * @param cause Jackson's exception
     */
    public IdempotencyResultException(String hashedKey, String message, Throwable cause) {
        super(Objects.requireNonNull(hashedKey, "hashedKey"), message, cause);
    }

    /**
     * Creates the exception, saying whether the work ran before it.
     *
     * @param hashedKey the hashed key
     * @param message what could not be converted and what to do
     * @param cause Jackson's exception, or null
     * @param workRan true when the work ran and only storing its result failed
     */
    IdempotencyResultException(String hashedKey, String message, Throwable cause, boolean workRan) {
        super(Objects.requireNonNull(hashedKey, "hashedKey"), message, cause, workRan);
    }
}

/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import java.util.Objects;

/**
 * A result could not be converted to or from JSON with the configured {@code ObjectMapper}: the work's result is
 * not serializable, or a stored result does not deserialize into the requested result type.
 *
 * <p>When serialization fails after the work ran, the record is kept {@code IN_PROGRESS} until its in-progress
 * expiry (the work's side effects have happened, so an immediate re-run would repeat them). What to do: make the
 * result type round-trip through Jackson (a record or a class with a creator), and request the same type on
 * every call with the same key prefix.
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
}

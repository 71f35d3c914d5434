/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

/**
 * No idempotency key could be found for a call: the key was null or blank, or the {@link KeyExtractor} found
 * nothing in the payload. Nothing was executed.
 *
 * <p>Thrown only with {@link MissingKeyPolicy#THROW} (the default); with
 * {@link MissingKeyPolicy#RUN_WITHOUT_IDEMPOTENCY} the work runs unprotected and a warning is logged.
 */
public final class IdempotencyKeyMissingException extends IdempotencyException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param keyPrefix the key prefix of the {@link Idempotency} that was called
     * @param source where the key was looked for, e.g. {@code JSON pointer /body/orderId}
     */
    public IdempotencyKeyMissingException(String keyPrefix, String source) {
        super(null, "No idempotency key for key prefix '" + keyPrefix + "' (" + source + " gave null or blank). "
                + "Nothing was executed: send the key with the request, fix the key extractor, or build the "
                + "Idempotency with missingKey(MissingKeyPolicy.RUN_WITHOUT_IDEMPOTENCY) to run unprotected.", null);
    }
}

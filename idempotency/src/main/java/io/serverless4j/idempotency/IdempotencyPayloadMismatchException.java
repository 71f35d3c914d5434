/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import java.util.Objects;

/**
 * A key was reused with a different payload: the stored record's {@code payloadHash} differs from the hash of the
 * validated part of this call's payload (see {@link PayloadValidation}). Nothing was executed and the stored
 * result was not returned.
 *
 * <p>What to do: a key must identify exactly one request. The client should send a new key for a new request;
 * if the payload carries per-delivery fields (timestamps, receipt handles), validate only the part that matters
 * with {@link PayloadValidation#jsonPointer(String)}.
 */
public final class IdempotencyPayloadMismatchException extends IdempotencyException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param hashedKey the hashed key
     */
    public IdempotencyPayloadMismatchException(String hashedKey) {
        super(Objects.requireNonNull(hashedKey, "hashedKey"),
                "Idempotency key " + hashedKey + " was already used with a different payload. Nothing was executed: "
                        + "use a new key for a new request, or narrow PayloadValidation to the part of the payload "
                        + "that identifies the request.",
                null);
    }
}

/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import java.time.Instant;
import java.util.Objects;

/**
 * Another invocation holds the key: it is running the work right now, or it crashed and its lock has not yet
 * expired. Nothing was executed by this call.
 *
 * <p>What to do: fail this invocation (or, inside an SQS batch, report the record as a batch item failure) so that
 * it is retried after {@link #inProgressUntil()}; by then the first invocation has either stored its result (the
 * retry gets it) or is known to have died (the retry runs the work). Or build the {@link Idempotency} with
 * {@link Idempotency.Builder#waitForInProgress(java.time.Duration)} to wait for the first result instead.
 */
public final class IdempotencyInProgressException extends IdempotencyException {

    private static final long serialVersionUID = 1L;

    /** When the current holder's lock ends at the latest. */
    private final Instant inProgressUntil;

    /**
     * Creates the exception.
     *
     * @param hashedKey the hashed key
     * @param inProgressUntil when the holder's lock expires (its Lambda deadline)
     */
    public IdempotencyInProgressException(String hashedKey, Instant inProgressUntil) {
        super(Objects.requireNonNull(hashedKey, "hashedKey"),
                "Idempotency key " + hashedKey + " is in progress in another invocation"
                        + (inProgressUntil == null ? "" : " (its lock lasts until " + inProgressUntil + ")")
                        + ". Nothing was executed: retry later, or configure Idempotency.Builder.waitForInProgress "
                        + "to wait for the first result.",
                null);
        this.inProgressUntil = inProgressUntil;
    }

    /**
     * When the holder's lock expires at the latest: {@code inProgressExpiration} of the stored record.
     *
     * @return the instant, or null if the store did not say
     */
    public Instant inProgressUntil() {
        return inProgressUntil;
    }
}

/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

/**
 * What an idempotent call gave: the result, and whether it is <em>fresh</em> (the work ran in this call) or
 * <em>replayed</em> (the stored result of an earlier call, read back through Jackson, and nothing ran). An HTTP
 * handler answers 201 to a fresh result and 200 with {@code Idempotent-Replayed: true} to a replayed one.
 *
 * <pre>{@code
 * IdempotencyOutcome<Receipt> outcome = IDEMPOTENCY.executeWithOutcome(key, order, context, Receipt.class,
 *         () -> charge(order));
 * int status = outcome.replayed() ? 200 : 201;
 * }</pre>
 *
 * <p>Immutable when the value is.
 *
 * @param value the work's result, or the stored result of the first call (may be null when the work returned null)
 * @param replayed true when the result is a stored one and the work did not run in this call
 * @param hashedKey the key the result is stored under ({@code <keyPrefix>#<sha256 hex>}); null only when the call
 *     had no key and ran without idempotency ({@link MissingKeyPolicy#RUN_WITHOUT_IDEMPOTENCY})
 * @param <T> the result type
 */
public record IdempotencyOutcome<T>(T value, boolean replayed, String hashedKey) {

    /**
     * Whether the work ran in this call.
     *
     * @return {@code !replayed()}
     */
    public boolean fresh() {
        return !replayed;
    }
}

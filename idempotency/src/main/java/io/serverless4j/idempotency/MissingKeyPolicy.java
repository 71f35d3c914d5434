/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

/** What {@link Idempotency} does when a call has no idempotency key (null, blank, or not found in the payload). */
public enum MissingKeyPolicy {
    /** Throw {@link IdempotencyKeyMissingException}; nothing runs. The default. */
    THROW,
    /**
     * Run the work without idempotency (no store call, no caching) and log a warning that names the key prefix
     * (never the payload).
     */
    RUN_WITHOUT_IDEMPOTENCY
}

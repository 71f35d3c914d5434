/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import java.util.Objects;

/**
 * One entry a batch API (PutEvents, SendMessageBatch, PublishBatch, DeleteMessageBatch, ...) answered as failed, as
 * an {@link EntriesCall} reports it to {@link RetryPolicy#callEntries}.
 *
 * @param entry the entry
 * @param errorCode the service's error code for it, e.g. {@code ThrottlingException}
 * @param errorMessage the service's message, or null
 * @param retryable whether sending it again can succeed
 * @param <E> the entry type
 */
public record EntryFailure<E>(E entry, String errorCode, String errorMessage, boolean retryable) {

    /** Validates the failure. */
    public EntryFailure {
        Objects.requireNonNull(entry, "entry");
    }

    /**
     * A failure whose retryability follows from its code, as {@link AwsErrors#categorizeCode} sees it.
     *
     * @param entry the entry
     * @param errorCode the error code
     * @param errorMessage the message, or null
     * @param <E> the entry type
     * @return the failure
     */
    public static <E> EntryFailure<E> of(E entry, String errorCode, String errorMessage) {
        return new EntryFailure<>(entry, errorCode, errorMessage,
                AwsErrors.categorizeCode(errorCode) != AwsErrors.Category.NOT_RETRYABLE);
    }
}

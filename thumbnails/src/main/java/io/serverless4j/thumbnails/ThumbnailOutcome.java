/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import java.util.List;
import java.util.Objects;

/**
 * What happened to one object: one per input record, so a handler can report partial batch failures (SQS) or
 * rethrow for S3's own retries, and send permanent failures to a dead-letter queue.
 *
 * @param object the object
 * @param status what happened
 * @param thumbnailKeys the keys written (for {@link Status#CREATED}), else empty
 * @param detail why it was skipped or failed; empty when created
 * @param failure the exception, for {@link Status#FAILED}; else {@code null}
 */
public record ThumbnailOutcome(S3ObjectRef object, Status status, List<String> thumbnailKeys, String detail,
        RuntimeException failure) {

    /** What happened to an object. */
    public enum Status {
        /** Thumbnails written, metadata recorded, event published. */
        CREATED,
        /** This object version was already done (found in the metadata table): no S3 reads or writes. */
        ALREADY_DONE,
        /** Not ours to do: under the output prefix, outside the source prefix, not an image, or superseded. */
        SKIPPED,
        /** Failed; see {@link #retryable()}. Nothing was left half-written. */
        FAILED
    }

    /**
     * Validates and copies.
     *
     * @throws NullPointerException when a required component is null
     * @throws IllegalArgumentException when {@code failure} is set for a status other than FAILED, or missing
     *     for FAILED
     */
    public ThumbnailOutcome {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(status, "status");
        thumbnailKeys = List.copyOf(thumbnailKeys);
        Objects.requireNonNull(detail, "detail");
        if ((status == Status.FAILED) != (failure != null)) {
            throw new IllegalArgumentException("failure must be set exactly when the status is FAILED");
        }
    }

    /**
     * Whether a retry could succeed: true for AWS failures (throttling, network, a failed write), false for bad
     * images ({@link ThumbnailException}), which fail the same way every time and belong in a dead-letter queue.
     *
     * @return whether to retry; false unless failed
     */
    public boolean retryable() {
        return status == Status.FAILED && !(failure instanceof ThumbnailException);
    }
}

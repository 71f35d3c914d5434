/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import java.util.List;
import java.util.Objects;

/**
 * What happened to one object: one per input record, so a handler can report partial batch failures (SQS) or
 * rethrow for Lambda's own retries, and send permanent failures to a dead-letter queue.
 * {@link ThumbnailReport#of(List)} sums a list of them up.
 *
 * @param object the object
 * @param status what happened
 * @param thumbnailKeys the keys written (for {@link Status#CREATED}), else empty
 * @param detail why it was skipped, failed or not started; empty when created
 * @param failure the typed failure, for {@link Status#FAILED} and {@link Status#NOT_STARTED} (then a
 *     {@link ThumbnailDeadlineException}); else {@code null}
 */
public record ThumbnailOutcome(S3ObjectRef object, Status status, List<String> thumbnailKeys, String detail,
        ThumbnailException failure) {

    /** What happened to an object. */
    public enum Status {
        /** Thumbnails written, event published, metadata recorded. */
        CREATED,
        /** This object version was already done (found in the metadata table): no S3 reads or writes. */
        ALREADY_DONE,
        /** Not ours to do: under the output prefix, outside the source prefix, not an image, or superseded. */
        SKIPPED,
        /** Failed; see {@link #retryable()}. Nothing was left half-written (as docs/thumbnails.md defines it). */
        FAILED,
        /**
         * Not started because too little of the invocation's time was left (a {@link ThumbnailDeadlineException});
         * no AWS call was made for it. Always retryable.
         */
        NOT_STARTED
    }

    /**
     * Validates and copies.
     *
     * @throws NullPointerException when a required component is null
     * @throws IllegalArgumentException when {@code failure} is set for a status other than FAILED or NOT_STARTED,
     *     missing for those, or not a deadline failure for NOT_STARTED
     */
    public ThumbnailOutcome {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(status, "status");
        thumbnailKeys = List.copyOf(thumbnailKeys);
        Objects.requireNonNull(detail, "detail");
        boolean failed = status == Status.FAILED || status == Status.NOT_STARTED;
        if (failed != (failure != null)) {
            throw new IllegalArgumentException("failure must be set exactly when the status is FAILED or NOT_STARTED; "
                    + "was " + status + " with " + failure);
        }
        if (status == Status.NOT_STARTED && !(failure instanceof ThumbnailDeadlineException)) {
            throw new IllegalArgumentException("a NOT_STARTED outcome's failure is a ThumbnailDeadlineException, was "
                    + failure);
        }
    }

    /**
     * Whether the object is settled: created, already done or skipped.
     *
     * @return false for {@link Status#FAILED} and {@link Status#NOT_STARTED}
     */
    public boolean succeeded() {
        return failure == null;
    }

    /**
     * Whether a retry could succeed: true for AWS failures, a broken stream and the deadline (including objects
     * not started), false for bad images, which fail the same way every time and belong in a dead-letter queue.
     *
     * @return the failure's {@link ThumbnailException#retryable()}; false when the object succeeded
     */
    public boolean retryable() {
        return failure != null && failure.retryable();
    }
}

/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

/**
 * The Lambda invocation's time ran out for an object: {@link S3ThumbnailProcessor} stops an object's work at the
 * deadline less the retry policy's safety margin, or does not start an object for which too little time is left.
 * What holds then ("nothing half-written") is in docs/thumbnails.md: no metadata item is written, so the version is
 * not marked done, and the thumbnails written for it are deleted (best effort) unless its {@code ThumbnailCreated}
 * event already went out.
 *
 * <p>The cause is the retry module's {@link io.serverless4j.retry.DeadlineExceededException} when an AWS call was
 * stopped, the stream's failure when the GetObject body was still arriving at the deadline, and null when the
 * object was not started. Retryable: with a fresh invocation's time the object can succeed.
 */
public final class ThumbnailDeadlineException extends ThumbnailException {

    private static final long serialVersionUID = 1L;

    private final boolean started;

    /**
     * Creates the exception.
     *
     * @param objectName the source object's address ({@code s3://bucket/key})
     * @param reason what was stopped and how much time was left, for the message
     * @param started whether any work on the object had begun
     * @param cause the retry module's deadline error, the stream's failure, or null
     */
    ThumbnailDeadlineException(String objectName, String reason, boolean started, Throwable cause) {
        super(objectName, reason, cause);
        this.started = started;
    }

    /**
     * Whether any work on the object had begun: false when it was not started because too little time was left
     * ({@link ThumbnailOutcome.Status#NOT_STARTED}), true when it was stopped part-way.
     *
     * @return whether the object was started
     */
    public boolean started() {
        return started;
    }

    /**
     * Always true: a fresh invocation has its own time.
     *
     * @return true
     */
    @Override
    public boolean retryable() {
        return true;
    }
}

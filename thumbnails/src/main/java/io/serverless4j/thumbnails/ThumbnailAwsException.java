/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

/**
 * An S3, DynamoDB or EventBridge call that {@link S3ThumbnailProcessor} makes failed for good: every attempt its
 * {@link io.serverless4j.retry.RetryPolicy} allowed failed with a retryable error (throttling, a 5xx, a network
 * error), or the service refused the call (an access denied, a missing table) — the cause is the SDK's exception or
 * the retry module's {@link io.serverless4j.retry.RetriesExhaustedException} — or EventBridge refused the
 * {@code ThumbnailCreated} entry (no cause; the message has its error code).
 *
 * <p>Retryable: the object is reported for another try (a partial-batch failure, or Lambda's asynchronous retry)
 * rather than dropped, also for refusals that need a fix first (permissions, a table name): after the queue's
 * {@code maxReceiveCount} or Lambda's retries, the record ends in the DLQ or the on-failure destination, kept.
 * Only the time the invocation had left is not this: that is {@link ThumbnailDeadlineException}.
 */
public final class ThumbnailAwsException extends ThumbnailException {

    private static final long serialVersionUID = 1L;

    private final String operation;

    /**
     * Creates the exception.
     *
     * @param objectName the source object's address ({@code s3://bucket/key})
     * @param operation the call that failed, e.g. {@code S3 PutObject}
     * @param reason what failed, for the message
     * @param cause the SDK's or the retry module's exception; null when a service reported the failure in its answer
     */
    ThumbnailAwsException(String objectName, String operation, String reason, Throwable cause) {
        super(objectName, operation + " failed: " + reason, cause);
        this.operation = operation;
    }

    /**
     * The call that failed.
     *
     * @return e.g. {@code S3 PutObject}, {@code DynamoDB GetItem}, {@code EventBridge PutEvents}
     */
    public String operation() {
        return operation;
    }

    /**
     * Always true: see the class description.
     *
     * @return true
     */
    @Override
    public boolean retryable() {
        return true;
    }
}

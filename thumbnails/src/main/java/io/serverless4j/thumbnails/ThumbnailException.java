/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import io.serverless4j.Serverless4jException;

/**
 * The root of every exception the thumbnails module throws or reports, so one {@code catch} (or one look at
 * {@link ThumbnailOutcome#failure()}) covers them all. {@link #retryable()} says what to do with the object:
 *
 * <ul>
 *   <li>not retryable — the image itself is bad: {@link NotAnImageException}, {@link UnsupportedImageFormatException},
 *       {@link ImageTooLargeException}, {@link CorruptImageException}. Retrying the same bytes fails the same way:
 *       send the record to a dead-letter queue.</li>
 *   <li>retryable — the image may be fine, the way to it failed: {@link ImageReadException} (the stream broke off),
 *       {@link ThumbnailAwsException} (an S3, DynamoDB or EventBridge call failed),
 *       {@link ThumbnailDeadlineException} (the Lambda invocation's time ran out), and
 *       {@link RetryableThumbnailException}, which {@link S3ThumbnailHandler} throws so that Lambda retries the
 *       event.</li>
 * </ul>
 *
 * <p>Each names the object (its S3 key or address, or the caller's name for it) and the reason in its message.
 * Unchecked, like its parent {@link Serverless4jException}; instances are immutable.
 */
public abstract class ThumbnailException extends Serverless4jException {

    private static final long serialVersionUID = 1L;

    private final String objectName;

    /**
     * Creates an exception about one image; the message is {@code "Image <objectName>: <reason>"}.
     *
     * @param objectName the image's name (an S3 key or address, or the caller's name for it)
     * @param reason what is wrong with it, or what failed on the way to it
     * @param cause the underlying failure, or {@code null}
     */
    protected ThumbnailException(String objectName, String reason, Throwable cause) {
        super("Image " + objectName + ": " + reason, cause);
        this.objectName = objectName;
    }

    /**
     * Creates an exception about several images, with a message of its own.
     *
     * @param message what failed and what happens next
     * @param cause the underlying failure, or {@code null}
     */
    protected ThumbnailException(String message, Throwable cause) {
        super(message, cause);
        this.objectName = null;
    }

    /**
     * The name of the image that failed.
     *
     * @return an S3 key or address, or the caller's name for the image; null for an exception about several
     *     images ({@link RetryableThumbnailException})
     */
    public String objectName() {
        return objectName;
    }

    /**
     * Whether trying the same object again can succeed. False for a bad image (the same bytes fail the same way);
     * true when the failure lay on the way to the image (a broken stream, an AWS call, the Lambda deadline).
     *
     * @return false for this class unless a subclass says otherwise
     */
    public boolean retryable() {
        return false;
    }
}

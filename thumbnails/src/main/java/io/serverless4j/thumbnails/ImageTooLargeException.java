/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

/**
 * The input is over a configured limit: too many pixels (checked from the header, before any pixel is decoded, so a decompression bomb costs nothing) or too many bytes.
 *
 * <p>Permanent ({@link #retryable()} is false): the same bytes fail the same way. Nothing is written for an image that fails with it.
 */
public final class ImageTooLargeException extends ThumbnailException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param objectName the image's name (an S3 key, or the caller's name for it)
     * @param reason what is wrong, for the message
     */
    public ImageTooLargeException(String objectName, String reason) {
        super(objectName, reason, null);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param objectName the image's name (an S3 key, or the caller's name for it)
     * @param reason what is wrong, for the message
     * @param cause the underlying failure
     */
    public ImageTooLargeException(String objectName, String reason, Throwable cause) {
        super(objectName, reason, cause);
    }
}

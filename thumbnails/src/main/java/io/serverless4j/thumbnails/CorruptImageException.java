/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

/**
 * The input claims to be a supported image but its data is broken: truncated, corrupt entropy-coded (Huffman) data, impossible header values or invalid EXIF metadata.
 *
 * <p>Permanent ({@link #retryable()} is false): the same bytes fail the same way. Nothing is written for an image that fails with it.
 */
public final class CorruptImageException extends ThumbnailException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param objectName the image's name (an S3 key, or the caller's name for it)
     * @param reason what is wrong, for the message
     */
    public CorruptImageException(String objectName, String reason) {
        super(objectName, reason, null);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param objectName the image's name (an S3 key, or the caller's name for it)
     * @param reason what is wrong, for the message
     * @param cause the underlying failure
     */
    public CorruptImageException(String objectName, String reason, Throwable cause) {
        super(objectName, reason, cause);
    }
}

/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import io.serverless4j.Serverless4jException;

/**
 * The root of the thumbnail module's exceptions: an input that cannot be made into a thumbnail. Every subclass
 * names the object (its S3 key, or the name the caller gave) and the reason in its message.
 *
 * <p>These failures are permanent: retrying the same bytes gives the same result, so a record that fails with one
 * belongs in a dead-letter queue, not in a retry. Failures of AWS calls are not wrapped in this type.
 */
public abstract class ThumbnailException extends Serverless4jException {

    private static final long serialVersionUID = 1L;

    private final String objectName;

    /**
     * Creates an exception about {@code objectName}.
     *
     * @param objectName the image's name (an S3 key, or the caller's name for it)
     * @param reason what is wrong with it
     * @param cause the underlying failure, or {@code null}
     */
    protected ThumbnailException(String objectName, String reason, Throwable cause) {
        super("Image " + objectName + ": " + reason, cause);
        this.objectName = objectName;
    }

    /**
     * The name of the image that failed.
     *
     * @return an S3 key or the caller's name for the image
     */
    public String objectName() {
        return objectName;
    }
}

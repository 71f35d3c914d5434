/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import java.io.IOException;

/**
 * Reading the image's bytes failed part-way — a GetObject body that broke off, a reset connection — so nothing is
 * known about the image itself. Thrown by {@link Thumbnailer#generate(java.io.InputStream, String)}; the cause is
 * the stream's {@link IOException} (or the unchecked exception it threw).
 *
 * <p>Retryable: the next read of the same object may well succeed.
 */
public final class ImageReadException extends ThumbnailException {

    private static final long serialVersionUID = 1L;

    private final long bytesRead;

    /**
     * Creates the exception.
     *
     * @param objectName the image's name (an S3 key, or the caller's name for it)
     * @param bytesRead how many bytes of the image had arrived when reading failed
     * @param cause the stream's failure
     */
    public ImageReadException(String objectName, long bytesRead, Throwable cause) {
        super(objectName, "reading the image failed after " + bytesRead + " bytes: " + messageOf(cause), cause);
        this.bytesRead = bytesRead;
    }

    private static String messageOf(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /**
     * How many bytes of the image had arrived when reading failed.
     *
     * @return the count
     */
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * Always true: the stream, not the image, failed.
     *
     * @return true
     */
    @Override
    public boolean retryable() {
        return true;
    }
}

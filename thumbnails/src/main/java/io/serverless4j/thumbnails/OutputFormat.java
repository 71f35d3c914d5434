/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import javax.imageio.ImageIO;

/** The format a thumbnail is written in. */
public enum OutputFormat {
    /** JPEG, quality set per {@link ThumbnailSpec}; transparent pixels are laid over white. */
    JPEG("image/jpeg", "jpg"),
    /** PNG, keeps alpha. */
    PNG("image/png", "png"),
    /**
     * WebP: only where an ImageIO WebP writer is on the classpath (the JDK has none); {@link ThumbnailSpec}'s
     * {@code build()} refuses it otherwise.
     */
    WEBP("image/webp", "webp");

    private final String contentType;
    private final String extension;

    OutputFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    /**
     * The MIME type, e.g. {@code image/jpeg}.
     *
     * @return the content type to store the thumbnail with
     */
    public String contentType() {
        return contentType;
    }

    /**
     * The usual file extension, without the dot.
     *
     * @return e.g. {@code jpg}
     */
    public String extension() {
        return extension;
    }

    /**
     * Whether an encoder for this format is available in this JVM.
     *
     * @return true for JPEG and PNG; for WebP, whether an ImageIO writer is registered
     */
    public boolean isWritable() {
        return ImageIO.getImageWritersByMIMEType(contentType).hasNext();
    }
}

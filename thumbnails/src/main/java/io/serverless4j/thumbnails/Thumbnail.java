/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import java.util.Objects;

/**
 * One encoded thumbnail.
 *
 * @param spec the spec it was made for
 * @param width its width in pixels
 * @param height its height in pixels
 * @param bytes the encoded file (copied in, copied out)
 */
public record Thumbnail(ThumbnailSpec spec, int width, int height, byte[] bytes) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException when {@code spec} or {@code bytes} is null
     */
    public Thumbnail {
        Objects.requireNonNull(spec, "spec");
        bytes = bytes.clone();
    }

    /**
     * The encoded file.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The encoded size.
     *
     * @return the number of bytes
     */
    public int sizeBytes() {
        return bytes.length;
    }

    /**
     * The MIME type to store it with.
     *
     * @return e.g. {@code image/jpeg}
     */
    public String contentType() {
        return spec.format().contentType();
    }
}

/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import java.util.Objects;

/**
 * What an image's header says, read before any pixel is decoded.
 *
 * @param format the detected format
 * @param width the stored width in pixels (before EXIF orientation)
 * @param height the stored height in pixels (before EXIF orientation)
 * @param orientation the EXIF orientation, 1 (upright) to 8
 */
public record ImageInfo(ImageFormat format, int width, int height, int orientation) {

    /**
     * Validates the values.
     *
     * @throws NullPointerException when {@code format} is null
     * @throws IllegalArgumentException when a size is not positive or the orientation is not 1..8
     */
    public ImageInfo {
        Objects.requireNonNull(format, "format");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size must be positive, was " + width + "x" + height);
        }
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("orientation must be 1..8, was " + orientation);
        }
    }

    /**
     * The number of pixels, the figure the pixel limit applies to.
     *
     * @return width × height
     */
    public long pixels() {
        return (long) width * height;
    }

    /**
     * The width as displayed, after the EXIF orientation.
     *
     * @return the upright width in pixels
     */
    public int uprightWidth() {
        return orientation >= 5 ? height : width;
    }

    /**
     * The height as displayed, after the EXIF orientation.
     *
     * @return the upright height in pixels
     */
    public int uprightHeight() {
        return orientation >= 5 ? width : height;
    }
}

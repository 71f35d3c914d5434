/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

/**
 * Decoded pixels, packed ARGB (not premultiplied), row by row.
 *
 * @param argb the pixels; not copied
 * @param width in pixels
 * @param height in pixels
 * @param hasAlpha whether any pixel may be transparent
 */
public record Pixels(int[] argb, int width, int height, boolean hasAlpha) {

    /** Checks the size matches. */
    public Pixels {
        if (width < 1 || height < 1 || argb.length != width * height) {
            throw new IllegalArgumentException("bad pixel buffer " + width + "x" + height);
        }
    }
}

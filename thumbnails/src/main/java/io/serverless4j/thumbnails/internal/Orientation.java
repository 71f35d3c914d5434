/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

/** Applies an EXIF orientation (1..8) so that the pixels are upright. Stateless and thread-safe. */
public final class Orientation {

    private Orientation() {}

    /**
     * Whether the orientation swaps width and height (5..8).
     *
     * @param orientation 1..8
     * @return true for the transposing orientations
     */
    public static boolean swapsAxes(int orientation) {
        return orientation >= 5;
    }

    /**
     * Returns the upright image for an image stored with {@code orientation}.
     *
     * @param src the stored pixels
     * @param orientation the EXIF orientation, 1..8
     * @return {@code src} itself for 1, else a new image
     */
    public static Pixels apply(Pixels src, int orientation) {
        if (orientation == 1) {
            return src;
        }
        int w = src.width();
        int h = src.height();
        boolean swap = swapsAxes(orientation);
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        int[] in = src.argb();
        int[] out = new int[in.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                // (x, y) in the upright image comes from (sx, sy) in the stored one.
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    case 8 -> { sx = w - 1 - y; sy = x; }
                    default -> throw new IllegalArgumentException("orientation " + orientation);
                }
                out[y * ow + x] = in[sy * w + sx];
            }
        }
        return new Pixels(out, ow, oh, src.hasAlpha());
    }
}

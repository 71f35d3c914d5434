/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.ColorConvertOp;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/** Converts CMYK pixels through an embedded ICC profile, at the (already reduced) decode size. */
final class ColorProfiles {

    private ColorProfiles() {}

    /**
     * Converts interleaved ink amounts (C, M, Y, K; 0 = no ink) to packed sRGB through {@code icc}.
     *
     * @return the pixels, or {@code null} when the profile is not a usable CMYK profile (the caller then uses the
     *     naive conversion)
     */
    static int[] cmykToSrgb(byte[] ink, int width, int height, byte[] icc) {
        ICC_ColorSpace space;
        try {
            ICC_Profile profile = ICC_Profile.getInstance(icc);
            if (profile.getColorSpaceType() != ColorSpace.TYPE_CMYK) {
                return null;
            }
            space = new ICC_ColorSpace(profile);
        } catch (IllegalArgumentException | java.awt.color.CMMException e) {
            return null;
        }
        WritableRaster source = Raster.createInterleavedRaster(new DataBufferByte(ink, ink.length), width, height,
                width * 4, 4, new int[] {0, 1, 2, 3}, null);
        WritableRaster target = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 3, null);
        try {
            new ColorConvertOp(space, ColorSpace.getInstance(ColorSpace.CS_sRGB), null).filter(source, target);
        } catch (RuntimeException e) {
            return null;
        }
        byte[] out = ((DataBufferByte) target.getDataBuffer()).getData();
        int[] rgb = new int[width * height];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = 0xFF000000 | (out[i * 3] & 0xFF) << 16 | (out[i * 3 + 1] & 0xFF) << 8 | (out[i * 3 + 2] & 0xFF);
        }
        return rgb;
    }
}

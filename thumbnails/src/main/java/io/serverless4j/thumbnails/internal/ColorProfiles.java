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
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converts pixels through an embedded ICC profile to sRGB, at the (already reduced) decode size, so the profile
 * costs in proportion to the output, not the source.
 */
final class ColorProfiles {

    /** Whether a profile (by content) converts to sRGB as the identity; probing one costs ~5 ms, a lookup nothing. */
    private static final Map<ByteBuffer, Boolean> IDENTITY = new ConcurrentHashMap<>();

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

    /**
     * Converts packed RGB pixels, in place, from the color space of an embedded RGB profile (Adobe RGB, Display P3,
     * ProPhoto, ...) to sRGB. Without it, a wide-gamut photo's thumbnail looks washed out, since thumbnails are
     * written without a profile and so are read as sRGB.
     *
     * @return whether the pixels were converted: false when the profile is sRGB already (nothing to do), not an
     *     RGB profile, or unusable (the pixels are then left as they are, treated as sRGB)
     */
    static boolean rgbToSrgb(int[] rgb, int width, int height, byte[] icc) {
        ByteBuffer key = ByteBuffer.wrap(icc);
        if (Boolean.TRUE.equals(IDENTITY.get(key))) {
            return false; // an sRGB profile (cameras embed one of several): converting would only cost time
        }
        try {
            ICC_Profile profile = ICC_Profile.getInstance(icc);
            if (profile.getColorSpaceType() != ColorSpace.TYPE_RGB) {
                return false;
            }
            ColorConvertOp op = new ColorConvertOp(new ICC_ColorSpace(profile),
                    ColorSpace.getInstance(ColorSpace.CS_sRGB), null);
            boolean identity = isIdentity(op);
            if (IDENTITY.size() >= 32) {
                IDENTITY.clear(); // a handful of profiles recur in practice; this only bounds a pathological mix
            }
            IDENTITY.put(key, identity);
            if (identity) {
                return false;
            }
            byte[] out = convert(op, rgb, width, height);
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = 0xFF000000 | (out[i * 3] & 0xFF) << 16 | (out[i * 3 + 1] & 0xFF) << 8
                        | (out[i * 3 + 2] & 0xFF);
            }
            return true;
        } catch (IllegalArgumentException | java.awt.color.CMMException e) {
            return false;
        }
    }

    /**
     * Whether the conversion leaves colors as they are (within rounding), judged on a 5×5×5 grid of colors rather
     * than on the profile's name: "linear sRGB" is not sRGB, and sRGB profiles go by many names.
     */
    static boolean isIdentity(ColorConvertOp op) {
        int[] probe = new int[125];
        int n = 0;
        for (int r = 0; r <= 256; r += 64) {
            for (int g = 0; g <= 256; g += 64) {
                for (int b = 0; b <= 256; b += 64) {
                    probe[n++] = Math.min(r, 255) << 16 | Math.min(g, 255) << 8 | Math.min(b, 255);
                }
            }
        }
        byte[] out = convert(op, probe, probe.length, 1);
        for (int i = 0; i < probe.length; i++) {
            for (int c = 0; c < 3; c++) {
                int in = (probe[i] >> (16 - 8 * c)) & 0xFF;
                if (Math.abs(in - (out[i * 3 + c] & 0xFF)) > 2) {
                    return false;
                }
            }
        }
        return true;
    }

    private static byte[] convert(ColorConvertOp op, int[] rgb, int width, int height) {
        byte[] bytes = new byte[rgb.length * 3];
        for (int i = 0; i < rgb.length; i++) {
            bytes[i * 3] = (byte) (rgb[i] >> 16);
            bytes[i * 3 + 1] = (byte) (rgb[i] >> 8);
            bytes[i * 3 + 2] = (byte) rgb[i];
        }
        WritableRaster source = Raster.createInterleavedRaster(new DataBufferByte(bytes, bytes.length), width, height,
                width * 3, 3, new int[] {0, 1, 2}, null);
        WritableRaster target = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 3, null);
        op.filter(source, target);
        return ((DataBufferByte) target.getDataBuffer()).getData();
    }
}

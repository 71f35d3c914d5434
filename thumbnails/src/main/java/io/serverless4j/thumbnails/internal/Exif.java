/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

/** Reads the orientation tag from an EXIF (TIFF) block. Validates every offset it follows. */
final class Exif {

    private static final int ORIENTATION = 0x0112;
    private static final int SHORT = 3;

    private Exif() {}

    /**
     * The orientation (1..8) in the TIFF structure at {@code data[start, end)}; 1 when there is none.
     *
     * @throws BadImageData (corrupt) when the structure is invalid or the orientation is not 1..8
     */
    static int orientation(byte[] data, int start, int end) {
        int length = end - start;
        if (length < 8) {
            throw BadImageData.corrupt("invalid EXIF metadata (a TIFF header of " + length + " bytes)");
        }
        boolean little;
        if (data[start] == 'I' && data[start + 1] == 'I') {
            little = true;
        } else if (data[start] == 'M' && data[start + 1] == 'M') {
            little = false;
        } else {
            throw BadImageData.corrupt("invalid EXIF metadata (byte order mark is not II or MM)");
        }
        if (u16(data, start + 2, little) != 42) {
            throw BadImageData.corrupt("invalid EXIF metadata (TIFF magic number is not 42)");
        }
        long ifd = u32(data, start + 4, little);
        if (ifd < 8 || ifd + 2 > length) {
            throw BadImageData.corrupt("invalid EXIF metadata (IFD0 offset " + ifd + " is outside its "
                    + length + "-byte segment)");
        }
        int at = start + (int) ifd;
        int entries = u16(data, at, little);
        if (2 + 12L * entries > length - ifd) {
            throw BadImageData.corrupt("invalid EXIF metadata (IFD0 claims " + entries + " entries; the segment "
                    + "holds " + length + " bytes)");
        }
        for (int i = 0; i < entries; i++) {
            int entry = at + 2 + 12 * i;
            if (u16(data, entry, little) == ORIENTATION) {
                int type = u16(data, entry + 2, little);
                if (type != SHORT) {
                    throw BadImageData.corrupt("invalid EXIF metadata (orientation has type " + type + ")");
                }
                int value = u16(data, entry + 8, little);
                if (value == 0) {
                    return 1; // "reserved"; written by some software to mean "not set"
                }
                if (value > 8) {
                    throw BadImageData.corrupt("invalid EXIF metadata (orientation " + value + " is not 1..8)");
                }
                return value;
            }
        }
        return 1;
    }

    private static int u16(byte[] d, int at, boolean little) {
        int a = d[at] & 0xFF;
        int b = d[at + 1] & 0xFF;
        return little ? b << 8 | a : a << 8 | b;
    }

    private static long u32(byte[] d, int at, boolean little) {
        long hi = u16(d, little ? at + 2 : at, little);
        long lo = u16(d, little ? at : at + 2, little);
        return hi << 16 | lo;
    }
}

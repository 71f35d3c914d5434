/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A PNG decoder that reads from a stream a row at a time and box-averages each {@code s × s} cell as the rows
 * arrive ("shrink on load"), so a large PNG never exists at full size in memory. The average is the one
 * {@link ImageIoCodec#boxAverage} computes: color premultiplied by alpha, partial cells at the right and bottom
 * edges averaging what they have, a fully transparent cell becoming 0.
 *
 * <p>Supported: every color type (gray, RGB, palette, gray + alpha, RGBA) at every bit depth PNG allows for it,
 * tRNS for gray, RGB and palette images, all five row filters, Adam7 interlacing, image data split over any
 * number of IDAT chunks. 16-bit samples are rounded to 8 bits ({@code (v·255 + 32767) / 65535}); 1, 2 and
 * 4-bit gray is scaled to 0..255. Gray is taken as sRGB-encoded, as libpng and browsers do (not converted
 * through a linear-gray color space, as ImageIO does).
 *
 * <p>Memory, with {@code W × H} the image, {@code s} the subsampling, {@code rowBytes = ⌈W·bitsPerPixel/8⌉},
 * {@code ow = ⌈W/s⌉}, {@code oh = ⌈H/s⌉}: two raw rows {@code 2·(rowBytes + 1)}, plus one row expanded to 8-bit
 * RGB or RGBA ({@code 3·W} or {@code 4·W}) unless the image is already 8-bit RGB without tRNS or 8-bit RGBA,
 * plus the output image {@code 4·ow·oh}, plus the sums of one output row {@code 32·ow} (none when
 * {@code s = 1}), plus a 64 KiB input buffer and, for palette images, a 1 KiB palette. zlib's own state (about
 * 40 KiB) is native memory. Interlaced images are the exception: every Adam7 pass touches every output row, so
 * for {@code s > 1} the sums cover the whole output image, {@code ow·oh·c·4} bytes ({@code c} = 4 channels with
 * alpha, 3 without; 8 bytes a sum instead of 4 when {@code s > 181}), which at {@code s = 2} is as much as a
 * full-size ARGB image.
 *
 * <p>Ignored: gAMA, cHRM, iCCP, sRGB and sBIT (pixels are passed through as stored), every other ancillary
 * chunk (so an APNG yields its default image), PLTE unless the image is a palette image, and, as libpng does, a
 * tRNS chunk of the wrong length, a second one, or one on an image with an alpha channel. Not read at all:
 * whatever follows the IDAT chunk that completes the image (the rest of the zlib stream and its Adler-32, later
 * chunks, IEND). So a file cut off after its image data decodes, and no chunk after it is checked. Every chunk
 * that is read has its CRC verified, but IDAT data is inflated as it arrives, before its chunk's CRC can be
 * checked, so a damaged byte in it may be reported as corrupt zlib data or a bad filter type instead.
 *
 * <p>The stream is read in pieces of at most 64 KiB and never beyond the last byte needed; it is not closed.
 * Not thread-safe: one instance per image, and {@link #decode} can be called once.
 */
public final class PngDecoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int IHDR = 0x49484452;
    private static final int PLTE = 0x504C5445;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;
    private static final int TRNS = 0x74524E53;

    private static final int[] PASS_X0 = {0, 4, 0, 2, 0, 1, 0};
    private static final int[] PASS_Y0 = {0, 0, 4, 0, 2, 0, 1};
    private static final int[] PASS_DX = {8, 8, 4, 4, 2, 2, 1};
    private static final int[] PASS_DY = {8, 8, 8, 4, 4, 2, 2};

    /** The largest array the JVMs we run on will allocate. */
    private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
    private static final int INPUT_BUFFER_BYTES = 64 * 1024;
    /** Up to this subsampling a cell's premultiplied sum, at most 255·255·s², fits an int. */
    private static final int MAX_INT_SUM_SUBSAMPLING = 181;

    /** What the IHDR chunk says. Immutable. */
    public static final class Header {
        private final int width;
        private final int height;
        private final int bitDepth;
        private final int colorType;
        private final boolean interlaced;

        Header(int width, int height, int bitDepth, int colorType, boolean interlaced) {
            this.width = width;
            this.height = height;
            this.bitDepth = bitDepth;
            this.colorType = colorType;
            this.interlaced = interlaced;
        }

        /** @return the width in pixels, 1 to 2³¹−1 */
        public int width() {
            return width;
        }

        /** @return the height in pixels, 1 to 2³¹−1 */
        public int height() {
            return height;
        }

        /** @return bits per sample (per palette index for color type 3): 1, 2, 4, 8 or 16 */
        public int bitDepth() {
            return bitDepth;
        }

        /** @return 0 gray, 2 RGB, 3 palette, 4 gray + alpha, 6 RGBA */
        public int colorType() {
            return colorType;
        }

        /** @return whether the image data is Adam7-interlaced */
        public boolean interlaced() {
            return interlaced;
        }

        int channels() {
            return switch (colorType) {
                case 2 -> 3;
                case 4 -> 2;
                case 6 -> 4;
                default -> 1;
            };
        }

        @Override
        public String toString() {
            return "PNG " + width + "x" + height + ", color type " + colorType + ", " + bitDepth + "-bit"
                    + (interlaced ? ", interlaced" : "");
        }
    }

    private final InputStream in;
    private final CRC32 crc = new CRC32();
    private final byte[] small = new byte[8];
    private Header header;
    private boolean decodeCalled;

    private int chunkType;
    /** Data bytes of the open chunk not read yet. */
    private long chunkRemaining;
    /** Whether a chunk is open: its CRC has not been read yet. */
    private boolean chunkOpen;

    private int[] palette;
    private int paletteSize;
    private byte[] transparencyChunk;
    private boolean transparency;
    private int transparentGray = -1;
    private int transparentRed = -1;
    private int transparentGreen = -1;
    private int transparentBlue = -1;

    private Inflater inflater;
    private byte[] input;

    /** Where decoding is, for messages: the pass (0 when not interlaced), the row in it and the rows in it. */
    private int pass;
    private int row;
    private int rows;

    private long bufferBytes;
    private long largestBufferBytes;

    /**
     * Wraps the stream; nothing is read until {@link #readHeader} or {@link #decode}.
     *
     * @param in the PNG, positioned at its first byte (the signature); read as needed and not closed
     */
    public PngDecoder(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /**
     * Reads the signature and the IHDR chunk, and not a byte further. Later calls return the same header.
     *
     * @return the header
     * @throws BadImageData when the signature or IHDR is wrong, or the stream ends inside them
     * @throws UncheckedIOException when reading the stream fails
     */
    public Header readHeader() {
        if (header != null) {
            return header;
        }
        byte[] signature = new byte[8];
        int n = readUpTo(signature, 0, 8);
        if (n < 8) {
            throw BadImageData.truncated("the file ends inside the PNG signature, after " + n + " bytes");
        }
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw BadImageData.corrupt("not a PNG: the file starts with " + hex(signature)
                    + ", not the PNG signature " + hex(SIGNATURE));
        }
        if (!openChunk()) {
            throw BadImageData.truncated("the file ends after the PNG signature, before IHDR");
        }
        if (chunkType != IHDR) {
            throw BadImageData.corrupt("the first chunk is " + chunkName(chunkType) + ", not IHDR");
        }
        if (chunkRemaining != 13) {
            throw BadImageData.corrupt("IHDR is " + chunkRemaining + " bytes long, not 13");
        }
        byte[] data = new byte[13];
        readChunkFully(data, 13);
        // CRC first, so a flipped bit is reported as such rather than as an odd field value.
        closeChunk();
        long width = readInt(data, 0) & 0xFFFFFFFFL;
        long height = readInt(data, 4) & 0xFFFFFFFFL;
        int bitDepth = data[8] & 0xFF;
        int colorType = data[9] & 0xFF;
        checkDimension("width", width);
        checkDimension("height", height);
        boolean depthAllowed = switch (colorType) {
            case 0 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
            case 3 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
            case 2, 4, 6 -> bitDepth == 8 || bitDepth == 16;
            default -> throw BadImageData.corrupt("IHDR gives color type " + colorType
                    + "; PNG defines 0, 2, 3, 4 and 6");
        };
        if (!depthAllowed) {
            throw BadImageData.corrupt("IHDR gives bit depth " + bitDepth + " for color type " + colorType);
        }
        if (data[10] != 0) {
            throw BadImageData.corrupt("IHDR gives compression method " + (data[10] & 0xFF)
                    + "; PNG defines only 0 (zlib)");
        }
        if (data[11] != 0) {
            throw BadImageData.corrupt("IHDR gives filter method " + (data[11] & 0xFF) + "; PNG defines only 0");
        }
        if (data[12] != 0 && data[12] != 1) {
            throw BadImageData.corrupt("IHDR gives interlace method " + (data[12] & 0xFF)
                    + "; PNG defines 0 (none) and 1 (Adam7)");
        }
        header = new Header((int) width, (int) height, bitDepth, colorType, data[12] == 1);
        return header;
    }

    private static void checkDimension(String name, long value) {
        if (value == 0) {
            throw BadImageData.corrupt("IHDR gives " + name + " 0");
        }
        if (value > Integer.MAX_VALUE) {
            throw BadImageData.corrupt("IHDR gives " + name + " " + value + ", more than PNG allows (2^31-1)");
        }
    }

    /**
     * Decodes the image at 1/{@code subsampling} of its size: each {@code subsampling²} cell becomes its
     * average. Reads the header first if {@link #readHeader} has not been called.
     *
     * @param subsampling 1 or more; 1 decodes every pixel as stored
     * @return {@code ⌈width/subsampling⌉ × ⌈height/subsampling⌉} pixels, not premultiplied; {@code hasAlpha} when
     *     the image has an alpha channel or a tRNS chunk that applies
     * @throws BadImageData when the file is truncated, corrupt, unsupported, or needs arrays larger than Java's
     * @throws UncheckedIOException when reading the stream fails
     * @throws IllegalStateException when called a second time
     */
    public Pixels decode(int subsampling) {
        if (subsampling < 1) {
            throw new IllegalArgumentException("subsampling must be at least 1, was " + subsampling);
        }
        if (decodeCalled) {
            throw new IllegalStateException("decode reads the stream, so it can be called once");
        }
        decodeCalled = true;
        Header h = readHeader();
        Layout layout = new Layout(h, subsampling);
        input = bytes(INPUT_BUFFER_BYTES);
        readChunksBeforeImageData();
        inflater = new Inflater();
        try {
            Pixels pixels = h.interlaced ? decodeInterlaced(layout) : decodeSequential(layout);
            // The rest of the zlib stream and later chunks are not needed, but the data we used must pass its CRC.
            closeChunk();
            return pixels;
        } finally {
            inflater.end();
        }
    }

    /** Sizes derived from the header, checked against what a Java array can hold before anything is read. */
    private static final class Layout {
        final int width;
        final int height;
        final int subsampling;
        final int outWidth;
        final int outHeight;
        final int rowBytes;
        /** Filters work on bytes this far apart: one pixel, or one byte below 8 bits a pixel. */
        final int filterDistance;
        final int bitsPerPixel;

        Layout(Header h, int s) {
            width = h.width;
            height = h.height;
            subsampling = s;
            bitsPerPixel = h.channels() * h.bitDepth;
            filterDistance = Math.max(1, bitsPerPixel / 8);
            long rowBytesLong = ((long) width * bitsPerPixel + 7) / 8;
            if (rowBytesLong + 1 > MAX_ARRAY_LENGTH) {
                throw tooLarge("a row of " + width + " pixels at " + bitsPerPixel + " bits is " + rowBytesLong
                        + " bytes, more than a Java array holds");
            }
            rowBytes = (int) rowBytesLong;
            if (4L * width > MAX_ARRAY_LENGTH) {
                throw tooLarge("a row of " + width + " pixels is more than a Java array holds at 4 bytes a pixel");
            }
            long ow = (width + (long) s - 1) / s;
            long oh = (height + (long) s - 1) / s;
            if (ow * oh > MAX_ARRAY_LENGTH) {
                throw tooLarge("at 1/" + s + " the " + width + "x" + height + " image is " + ow + "x" + oh
                        + " pixels, more than a Java array holds");
            }
            if (h.interlaced && s > 1 && ow * oh * 4 > MAX_ARRAY_LENGTH) {
                throw tooLarge("at 1/" + s + " the interlaced " + width + "x" + height + " image needs " + ow * oh * 4
                        + " sums, more than a Java array holds");
            }
            outWidth = (int) ow;
            outHeight = (int) oh;
        }

        int rowBytes(int pixels) {
            return (int) (((long) pixels * bitsPerPixel + 7) / 8);
        }
    }

    private static BadImageData tooLarge(String reason) {
        return new BadImageData(BadImageData.Kind.TOO_LARGE, reason);
    }

    /** Reads PLTE, tRNS and skips ancillary chunks, up to and opening the first IDAT. */
    private void readChunksBeforeImageData() {
        while (true) {
            if (!openChunk()) {
                throw BadImageData.truncated("the file ends before the image data (no IDAT chunk)");
            }
            switch (chunkType) {
                case IDAT -> {
                    startImageData();
                    return;
                }
                case PLTE -> {
                    if (header.colorType == 3) {
                        readPalette();
                    } else {
                        // A suggested palette (RGB) or a stray one (gray): unused, so not checked, as in libpng.
                        closeChunk();
                    }
                }
                case TRNS -> {
                    if (transparencyChunk == null && chunkRemaining <= 256) {
                        transparencyChunk = new byte[(int) chunkRemaining];
                        readChunkFully(transparencyChunk, transparencyChunk.length);
                    }
                    // A second or overlong tRNS is ignored (libpng does too); closeChunk skips it.
                    closeChunk();
                }
                case IHDR -> throw BadImageData.corrupt("a second IHDR chunk");
                case IEND -> throw BadImageData.corrupt("IEND comes before any IDAT chunk: the file has no image data");
                default -> {
                    if (isCritical(chunkType)) {
                        throw BadImageData.unsupported("unknown critical chunk " + chunkName(chunkType)
                                + ": PNG forbids decoding an image that has one");
                    }
                    closeChunk();
                }
            }
        }
    }

    private void readPalette() {
        if (palette != null) {
            throw BadImageData.corrupt("a second PLTE chunk");
        }
        long length = chunkRemaining;
        if (length < 3 || length > 768 || length % 3 != 0) {
            throw BadImageData.corrupt("PLTE is " + length + " bytes long; it must be a multiple of 3 from 3 to 768");
        }
        byte[] data = new byte[(int) length];
        readChunkFully(data, data.length);
        closeChunk();
        palette = ints(256);
        paletteSize = (int) length / 3;
        for (int i = 0; i < paletteSize; i++) {
            palette[i] = 0xFF000000 | (data[3 * i] & 0xFF) << 16 | (data[3 * i + 1] & 0xFF) << 8
                    | (data[3 * i + 2] & 0xFF);
        }
    }

    /** Applies tRNS now that PLTE, which it may follow or (wrongly) precede, has been seen. */
    private void startImageData() {
        int colorType = header.colorType;
        if (colorType == 3 && palette == null) {
            throw BadImageData.corrupt("color type 3 (palette) needs a PLTE chunk before IDAT, and there is none");
        }
        byte[] t = transparencyChunk;
        if (t == null) {
            return;
        }
        if (colorType == 0 && t.length == 2) {
            transparentGray = readShort(t, 0);
            transparency = true;
        } else if (colorType == 2 && t.length == 6) {
            transparentRed = readShort(t, 0);
            transparentGreen = readShort(t, 2);
            transparentBlue = readShort(t, 4);
            transparency = true;
        } else if (colorType == 3 && t.length >= 1 && t.length <= paletteSize) {
            for (int i = 0; i < t.length; i++) {
                palette[i] = (t[i] & 0xFF) << 24 | (palette[i] & 0xFFFFFF);
            }
            transparency = true;
        }
    }

    private boolean hasAlpha() {
        return header.colorType == 4 || header.colorType == 6 || transparency;
    }

    /** Whether rows can be averaged as stored, without expanding them to 8-bit RGB or RGBA first. */
    private boolean rowsAreRgb8OrRgba8() {
        return header.bitDepth == 8 && (header.colorType == 6 || (header.colorType == 2 && !transparency));
    }

    private Pixels decodeSequential(Layout layout) {
        int width = layout.width;
        int s = layout.subsampling;
        boolean alpha = hasAlpha();
        int stride = alpha ? 4 : 3;
        byte[] current = bytes(layout.rowBytes + 1);
        byte[] previous = bytes(layout.rowBytes + 1);
        byte[] expanded = rowsAreRgb8OrRgba8() ? null : bytes(width * stride);
        int[] out = ints(layout.outWidth * layout.outHeight);
        long[] sums = s > 1 ? longs(layout.outWidth * 4) : null;
        pass = 0;
        rows = layout.height;
        for (int y = 0; y < layout.height; y++) {
            row = y;
            inflateRow(current, layout.rowBytes + 1);
            unfilter(current, previous, layout.rowBytes, layout.filterDistance);
            byte[] src = current;
            int offset = 1;
            if (expanded != null) {
                expand(current, width, expanded, stride);
                src = expanded;
                offset = 0;
            }
            if (s == 1) {
                store(src, offset, width, alpha, out, y * width);
            } else {
                if (alpha) {
                    accumulateRgba(src, offset, width, s, sums);
                } else {
                    accumulateRgb(src, offset, width, s, sums);
                }
                int y0 = y / s * s;
                if (y - y0 == s - 1 || y == layout.height - 1) {
                    emitRow(sums, out, y / s, layout, y - y0 + 1, alpha);
                }
            }
            byte[] swap = previous;
            previous = current;
            current = swap;
        }
        return new Pixels(out, layout.outWidth, layout.outHeight, alpha);
    }

    private Pixels decodeInterlaced(Layout layout) {
        int width = layout.width;
        int height = layout.height;
        int s = layout.subsampling;
        boolean alpha = hasAlpha();
        int stride = alpha ? 4 : 3;
        // The last pass has full-width rows, so these fit every pass.
        byte[] current = bytes(layout.rowBytes + 1);
        byte[] previous = bytes(layout.rowBytes + 1);
        byte[] expanded = rowsAreRgb8OrRgba8() ? null : bytes(width * stride);
        int[] out = ints(layout.outWidth * layout.outHeight);
        int[] intSums = null;
        long[] longSums = null;
        if (s > 1) {
            // Every pass reaches every output row, so the sums cover the whole output image.
            int length = layout.outWidth * layout.outHeight * stride;
            if (s <= MAX_INT_SUM_SUBSAMPLING) {
                intSums = ints(length);
            } else {
                longSums = longs(length);
            }
        }
        for (int p = 0; p < 7; p++) {
            int x0 = PASS_X0[p];
            int y0 = PASS_Y0[p];
            int dx = PASS_DX[p];
            int dy = PASS_DY[p];
            int passWidth = width > x0 ? (width - x0 + dx - 1) / dx : 0;
            int passHeight = height > y0 ? (height - y0 + dy - 1) / dy : 0;
            if (passWidth == 0 || passHeight == 0) {
                // An empty pass has no rows at all, not even filter-type bytes.
                continue;
            }
            int passRowBytes = layout.rowBytes(passWidth);
            Arrays.fill(previous, 0, passRowBytes + 1, (byte) 0);
            pass = p + 1;
            rows = passHeight;
            for (int j = 0; j < passHeight; j++) {
                row = j;
                inflateRow(current, passRowBytes + 1);
                unfilter(current, previous, passRowBytes, layout.filterDistance);
                byte[] src = current;
                int offset = 1;
                if (expanded != null) {
                    expand(current, passWidth, expanded, stride);
                    src = expanded;
                    offset = 0;
                }
                int y = y0 + j * dy;
                if (s == 1) {
                    scatter(src, offset, stride, passWidth, x0, dx, alpha, out, y * width);
                } else {
                    accumulateScattered(src, offset, stride, passWidth, x0, dx, y / s * layout.outWidth, s,
                            intSums, longSums);
                }
                byte[] swap = previous;
                previous = current;
                current = swap;
            }
        }
        if (s > 1) {
            emitAll(intSums, longSums, out, layout, stride);
        }
        return new Pixels(out, layout.outWidth, layout.outHeight, alpha);
    }

    // ---- zlib and chunks ----

    private void inflateRow(byte[] dst, int length) {
        int filled = 0;
        while (filled < length) {
            int n;
            try {
                n = inflater.inflate(dst, filled, length - filled);
            } catch (DataFormatException e) {
                throw BadImageData.corrupt("zlib data is corrupt: " + e.getMessage() + " (in " + position() + ")");
            }
            filled += n;
            if (n > 0) {
                continue;
            }
            if (inflater.finished()) {
                throw BadImageData.truncated("the zlib stream ends in " + position() + ": too little image data");
            }
            if (inflater.needsDictionary()) {
                throw BadImageData.corrupt("zlib data is corrupt: it asks for a preset dictionary, which PNG does"
                        + " not allow");
            }
            if (!inflater.needsInput()) {
                // Setting input now would drop the unread part; zlib should never stall like this.
                throw BadImageData.corrupt("zlib data is corrupt: the inflater stalls in " + position());
            }
            feedInflater();
        }
    }

    /** Gives the inflater the next piece of IDAT data, moving on to the next IDAT chunk when one ends. */
    private void feedInflater() {
        while (chunkRemaining == 0) {
            closeChunk();
            if (!openChunk()) {
                throw BadImageData.truncated("the file ends in " + position() + ", after an IDAT chunk");
            }
            if (chunkType != IDAT) {
                throw BadImageData.truncated("the image data ends in " + position() + ": chunk "
                        + chunkName(chunkType) + " follows the last IDAT chunk");
            }
        }
        int n = readChunkData(input, (int) Math.min(input.length, chunkRemaining));
        inflater.setInput(input, 0, n);
    }

    private String position() {
        return pass == 0 ? "row " + (row + 1) + " of " + rows
                : "row " + (row + 1) + " of " + rows + " of Adam7 pass " + pass;
    }

    /** Reads the next chunk's length and type; false at a clean end of file (between chunks). */
    private boolean openChunk() {
        int n = readUpTo(small, 0, 8);
        if (n == 0) {
            return false;
        }
        if (n < 8) {
            throw BadImageData.truncated("the file ends inside a chunk header");
        }
        long length = readInt(small, 0) & 0xFFFFFFFFL;
        chunkType = readInt(small, 4);
        for (int i = 4; i < 8; i++) {
            int letter = small[i] | 0x20;
            if (letter < 'a' || letter > 'z') {
                throw BadImageData.corrupt("a chunk type is " + hex(Arrays.copyOfRange(small, 4, 8))
                        + ", not four letters");
            }
        }
        if (length > Integer.MAX_VALUE) {
            throw BadImageData.corrupt("chunk " + chunkName(chunkType) + " gives length " + length
                    + ", more than PNG allows (2^31-1)");
        }
        crc.reset();
        crc.update(small, 4, 4);
        chunkRemaining = length;
        chunkOpen = true;
        return true;
    }

    /** Reads up to {@code max} (at least 1, at most what is left) bytes of the open chunk's data. */
    private int readChunkData(byte[] dst, int max) {
        int n;
        try {
            n = in.read(dst, 0, max);
            while (n == 0) {
                n = in.read(dst, 0, max);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (n < 0) {
            throw BadImageData.truncated("the file ends inside chunk " + chunkName(chunkType));
        }
        crc.update(dst, 0, n);
        chunkRemaining -= n;
        return n;
    }

    private void readChunkFully(byte[] dst, int length) {
        int n = readUpTo(dst, 0, length);
        if (n < length) {
            throw BadImageData.truncated("the file ends inside chunk " + chunkName(chunkType));
        }
        crc.update(dst, 0, length);
        chunkRemaining -= length;
    }

    /** Skips what is left of the open chunk's data and checks its CRC. */
    private void closeChunk() {
        if (!chunkOpen) {
            return;
        }
        while (chunkRemaining > 0) {
            readChunkData(input, (int) Math.min(input.length, chunkRemaining));
        }
        if (readUpTo(small, 0, 4) < 4) {
            throw BadImageData.truncated("the file ends inside chunk " + chunkName(chunkType) + ", in its CRC");
        }
        int stored = readInt(small, 0);
        if (stored != (int) crc.getValue()) {
            throw BadImageData.corrupt("chunk " + chunkName(chunkType) + " CRC mismatch (stored "
                    + String.format("%08x", stored) + ", computed " + String.format("%08x", crc.getValue()) + ")");
        }
        chunkOpen = false;
    }

    private int readUpTo(byte[] dst, int offset, int length) {
        int total = 0;
        try {
            while (total < length) {
                int n = in.read(dst, offset + total, length - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    private static boolean isCritical(int type) {
        return (type & 0x20000000) == 0;
    }

    private static String chunkName(int type) {
        return new String(new char[] {(char) (type >>> 24), (char) ((type >>> 16) & 0xFF),
            (char) ((type >>> 8) & 0xFF), (char) (type & 0xFF)});
    }

    private static int readInt(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    private static int readShort(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    // ---- rows ----

    /** Undoes the row's filter in place; {@code row[0]} is the filter type, the data follows. */
    private void unfilter(byte[] cur, byte[] prev, int rowBytes, int distance) {
        int end = rowBytes + 1;
        int first = Math.min(end, 1 + distance);
        switch (cur[0]) {
            case 0 -> { }
            case 1 -> {
                for (int i = first; i < end; i++) {
                    cur[i] += cur[i - distance];
                }
            }
            case 2 -> {
                for (int i = 1; i < end; i++) {
                    cur[i] += prev[i];
                }
            }
            case 3 -> {
                for (int i = 1; i < first; i++) {
                    cur[i] += (prev[i] & 0xFF) >>> 1;
                }
                for (int i = first; i < end; i++) {
                    cur[i] += ((cur[i - distance] & 0xFF) + (prev[i] & 0xFF)) >>> 1;
                }
            }
            case 4 -> {
                // With no pixel to the left, Paeth predicts from the pixel above.
                for (int i = 1; i < first; i++) {
                    cur[i] += prev[i];
                }
                for (int i = first; i < end; i++) {
                    int a = cur[i - distance] & 0xFF;
                    int b = prev[i] & 0xFF;
                    int c = prev[i - distance] & 0xFF;
                    int pa = Math.abs(b - c);
                    int pb = Math.abs(a - c);
                    int pc = Math.abs(a + b - c - c);
                    // Written with min() so the JIT emits conditional moves: with photo data the branches
                    // of the textbook form mispredict often.
                    int nearerOfBc = pb <= pc ? b : c;
                    cur[i] += pa <= Math.min(pb, pc) ? a : nearerOfBc;
                }
            }
            default -> throw BadImageData.corrupt("filter type " + (cur[0] & 0xFF) + " in " + position()
                    + "; PNG defines 0 to 4");
        }
    }

    /**
     * Converts {@code pixels} pixels of the unfiltered row (data from {@code raw[1]}) to 8-bit RGB or RGBA
     * ({@code stride} 3 or 4) in {@code dst}.
     */
    private void expand(byte[] raw, int pixels, byte[] dst, int stride) {
        int depth = header.bitDepth;
        boolean alpha = stride == 4;
        int o = 0;
        switch (header.colorType) {
            case 0 -> {
                if (depth == 16) {
                    for (int i = 0, p = 1; i < pixels; i++, p += 2, o += stride) {
                        int v = readShort(raw, p);
                        int g = to8(v);
                        dst[o] = (byte) g;
                        dst[o + 1] = (byte) g;
                        dst[o + 2] = (byte) g;
                        if (alpha) {
                            dst[o + 3] = v == transparentGray ? 0 : (byte) 0xFF;
                        }
                    }
                } else {
                    int mask = (1 << depth) - 1;
                    // 255 / (2^d - 1) is a whole number for d = 1, 2, 4 and 8.
                    int scale = 255 / mask;
                    for (int i = 0; i < pixels; i++, o += stride) {
                        int v = sample(raw, i, depth, mask);
                        byte g = (byte) (v * scale);
                        dst[o] = g;
                        dst[o + 1] = g;
                        dst[o + 2] = g;
                        if (alpha) {
                            dst[o + 3] = v == transparentGray ? 0 : (byte) 0xFF;
                        }
                    }
                }
            }
            case 2 -> {
                if (depth == 16) {
                    for (int i = 0, p = 1; i < pixels; i++, p += 6, o += stride) {
                        int r = readShort(raw, p);
                        int g = readShort(raw, p + 2);
                        int b = readShort(raw, p + 4);
                        dst[o] = (byte) to8(r);
                        dst[o + 1] = (byte) to8(g);
                        dst[o + 2] = (byte) to8(b);
                        if (alpha) {
                            dst[o + 3] = isTransparent(r, g, b) ? 0 : (byte) 0xFF;
                        }
                    }
                } else {
                    // Only reached with tRNS: 8-bit RGB without it is averaged as stored.
                    for (int i = 0, p = 1; i < pixels; i++, p += 3, o += stride) {
                        int r = raw[p] & 0xFF;
                        int g = raw[p + 1] & 0xFF;
                        int b = raw[p + 2] & 0xFF;
                        dst[o] = (byte) r;
                        dst[o + 1] = (byte) g;
                        dst[o + 2] = (byte) b;
                        if (alpha) {
                            dst[o + 3] = isTransparent(r, g, b) ? 0 : (byte) 0xFF;
                        }
                    }
                }
            }
            case 3 -> {
                int mask = (1 << depth) - 1;
                for (int i = 0; i < pixels; i++, o += stride) {
                    int index = sample(raw, i, depth, mask);
                    if (index >= paletteSize) {
                        throw BadImageData.corrupt("palette index " + index + " at pixel " + (i + 1) + " of "
                                + position() + " is out of range: PLTE has " + paletteSize + " entries");
                    }
                    int argb = palette[index];
                    dst[o] = (byte) (argb >> 16);
                    dst[o + 1] = (byte) (argb >> 8);
                    dst[o + 2] = (byte) argb;
                    if (alpha) {
                        dst[o + 3] = (byte) (argb >>> 24);
                    }
                }
            }
            case 4 -> {
                if (depth == 16) {
                    for (int i = 0, p = 1; i < pixels; i++, p += 4, o += 4) {
                        byte g = (byte) to8(readShort(raw, p));
                        dst[o] = g;
                        dst[o + 1] = g;
                        dst[o + 2] = g;
                        dst[o + 3] = (byte) to8(readShort(raw, p + 2));
                    }
                } else {
                    for (int i = 0, p = 1; i < pixels; i++, p += 2, o += 4) {
                        byte g = raw[p];
                        dst[o] = g;
                        dst[o + 1] = g;
                        dst[o + 2] = g;
                        dst[o + 3] = raw[p + 1];
                    }
                }
            }
            default -> {
                // Color type 6; only 16-bit reaches here, 8-bit is averaged as stored.
                for (int i = 0, p = 1; i < pixels; i++, p += 8, o += 4) {
                    dst[o] = (byte) to8(readShort(raw, p));
                    dst[o + 1] = (byte) to8(readShort(raw, p + 2));
                    dst[o + 2] = (byte) to8(readShort(raw, p + 4));
                    dst[o + 3] = (byte) to8(readShort(raw, p + 6));
                }
            }
        }
    }

    private boolean isTransparent(int r, int g, int b) {
        return r == transparentRed && g == transparentGreen && b == transparentBlue;
    }

    /** The {@code i}th sample of 1, 2, 4 or 8 bits, packed from the most significant bit of {@code raw[1]}. */
    private static int sample(byte[] raw, int i, int depth, int mask) {
        int bit = i * depth;
        return (raw[1 + (bit >>> 3)] >>> (8 - depth - (bit & 7))) & mask;
    }

    private static int to8(int sample16) {
        return (sample16 * 255 + 32767) / 65535;
    }

    private static void store(byte[] src, int offset, int width, boolean alpha, int[] out, int base) {
        if (alpha) {
            for (int x = 0, p = offset; x < width; x++, p += 4) {
                out[base + x] = (src[p + 3] & 0xFF) << 24 | (src[p] & 0xFF) << 16 | (src[p + 1] & 0xFF) << 8
                        | (src[p + 2] & 0xFF);
            }
        } else {
            for (int x = 0, p = offset; x < width; x++, p += 3) {
                out[base + x] = 0xFF000000 | (src[p] & 0xFF) << 16 | (src[p + 1] & 0xFF) << 8 | (src[p + 2] & 0xFF);
            }
        }
    }

    private static void accumulateRgba(byte[] src, int offset, int width, int s, long[] sums) {
        int p = offset;
        int x = 0;
        for (int k = 0; x < width; k += 4) {
            int end = (int) Math.min(width, (long) x + s);
            long r = 0;
            long g = 0;
            long b = 0;
            long a = 0;
            for (; x < end; x++, p += 4) {
                int alpha = src[p + 3] & 0xFF;
                r += (src[p] & 0xFF) * alpha;
                g += (src[p + 1] & 0xFF) * alpha;
                b += (src[p + 2] & 0xFF) * alpha;
                a += alpha;
            }
            sums[k] += r;
            sums[k + 1] += g;
            sums[k + 2] += b;
            sums[k + 3] += a;
        }
    }

    /** Opaque rows: plain sums, premultiplied by 255 when the cell is emitted. */
    private static void accumulateRgb(byte[] src, int offset, int width, int s, long[] sums) {
        int p = offset;
        int x = 0;
        for (int k = 0; x < width; k += 4) {
            int end = (int) Math.min(width, (long) x + s);
            long r = 0;
            long g = 0;
            long b = 0;
            for (; x < end; x++, p += 3) {
                r += src[p] & 0xFF;
                g += src[p + 1] & 0xFF;
                b += src[p + 2] & 0xFF;
            }
            sums[k] += r;
            sums[k + 1] += g;
            sums[k + 2] += b;
        }
    }

    private static void emitRow(long[] sums, int[] out, int outY, Layout layout, int cellRows, boolean alpha) {
        int s = layout.subsampling;
        int base = outY * layout.outWidth;
        for (int ox = 0; ox < layout.outWidth; ox++) {
            long cells = (long) cellRows * cellColumns(ox, s, layout.width);
            int k = ox * 4;
            out[base + ox] = alpha ? average(sums[k], sums[k + 1], sums[k + 2], sums[k + 3], cells)
                    : average(255 * sums[k], 255 * sums[k + 1], 255 * sums[k + 2], 255 * cells, cells);
        }
        Arrays.fill(sums, 0);
    }

    private static long cellColumns(int ox, int s, int width) {
        long x0 = (long) ox * s;
        return Math.min(width, x0 + s) - x0;
    }

    /** The arithmetic of {@link ImageIoCodec#boxAverage}, so both give the same pixels. */
    private static int average(long r, long g, long b, long a, long cells) {
        if (a == 0) {
            return 0;
        }
        int red = (int) ((r + a / 2) / a);
        int green = (int) ((g + a / 2) / a);
        int blue = (int) ((b + a / 2) / a);
        int alpha = (int) ((a + cells / 2) / cells);
        return alpha << 24 | red << 16 | green << 8 | blue;
    }

    private static void scatter(byte[] src, int offset, int stride, int passWidth, int x0, int dx, boolean alpha,
            int[] out, int base) {
        for (int i = 0, p = offset; i < passWidth; i++, p += stride) {
            int a = alpha ? (src[p + 3] & 0xFF) << 24 : 0xFF000000;
            out[base + x0 + i * dx] = a | (src[p] & 0xFF) << 16 | (src[p + 1] & 0xFF) << 8 | (src[p + 2] & 0xFF);
        }
    }

    private static void accumulateScattered(byte[] src, int offset, int stride, int passWidth, int x0, int dx,
            int outRowBase, int s, int[] intSums, long[] longSums) {
        boolean alpha = stride == 4;
        for (int i = 0, p = offset; i < passWidth; i++, p += stride) {
            int k = (outRowBase + (x0 + i * dx) / s) * stride;
            int a = alpha ? src[p + 3] & 0xFF : 1;
            int r = (src[p] & 0xFF) * a;
            int g = (src[p + 1] & 0xFF) * a;
            int b = (src[p + 2] & 0xFF) * a;
            if (intSums != null) {
                intSums[k] += r;
                intSums[k + 1] += g;
                intSums[k + 2] += b;
                if (alpha) {
                    intSums[k + 3] += a;
                }
            } else {
                longSums[k] += r;
                longSums[k + 1] += g;
                longSums[k + 2] += b;
                if (alpha) {
                    longSums[k + 3] += a;
                }
            }
        }
    }

    private static void emitAll(int[] intSums, long[] longSums, int[] out, Layout layout, int stride) {
        int s = layout.subsampling;
        for (int oy = 0; oy < layout.outHeight; oy++) {
            long cellRows = Math.min(layout.height, (long) oy * s + s) - (long) oy * s;
            for (int ox = 0; ox < layout.outWidth; ox++) {
                long cells = cellRows * cellColumns(ox, s, layout.width);
                int i = oy * layout.outWidth + ox;
                int k = i * stride;
                long r = intSums != null ? intSums[k] : longSums[k];
                long g = intSums != null ? intSums[k + 1] : longSums[k + 1];
                long b = intSums != null ? intSums[k + 2] : longSums[k + 2];
                if (stride == 4) {
                    long a = intSums != null ? intSums[k + 3] : longSums[k + 3];
                    out[i] = average(r, g, b, a, cells);
                } else {
                    out[i] = average(255 * r, 255 * g, 255 * b, 255 * cells, cells);
                }
            }
        }
    }

    // ---- buffers, counted so tests can check the memory bound ----

    private byte[] bytes(int length) {
        count(length);
        return new byte[length];
    }

    private int[] ints(int length) {
        count(4L * length);
        return new int[length];
    }

    private long[] longs(int length) {
        count(8L * length);
        return new long[length];
    }

    private void count(long bytes) {
        bufferBytes += bytes;
        largestBufferBytes = Math.max(largestBufferBytes, bytes);
    }

    /**
     * The bytes of every buffer this decoder allocated that grows with the image (rows, sums, output, input
     * buffer, palette), all of which are live until {@link #decode} returns: so also the peak. Excludes zlib's
     * native state and the few fixed-size arrays of the header.
     */
    long peakBufferBytes() {
        return bufferBytes;
    }

    /** The largest single buffer counted by {@link #peakBufferBytes}. */
    long largestBufferBytes() {
        return largestBufferBytes;
    }
}

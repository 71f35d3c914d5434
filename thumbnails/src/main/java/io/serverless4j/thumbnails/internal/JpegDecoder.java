/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A JPEG decoder that decodes at 1/1, 1/2, 1/4 or 1/8 scale straight from the DCT coefficients ("shrink on
 * load"): at 1/8 each 8×8 block becomes one pixel, its DC coefficient (the block's average); at 1/2 and 1/4 a
 * reduced inverse DCT of the block's top-left 4×4 or 2×2 coefficients. Baseline and progressive Huffman, 8-bit,
 * any sampling factors, restart intervals, grayscale, YCbCr, RGB, CMYK and YCCK (Adobe APP14).
 *
 * <p>Input: a byte array, or a stream read through a window of at most {@link #WINDOW} bytes (every marker segment
 * fits in it), so the compressed file is never held whole.
 *
 * <p>Memory: baseline decodes straight into the reduced component planes (no coefficient buffer). Progressive
 * keeps, per 8×8 block, only the coefficients the chosen scale needs (1 at 1/8, 5 at 1/4, 25 at 1/2, 64 at 1/1)
 * plus a 64-bit mask of which coefficients are non-zero (refinement scans need it); at 1/8 it skips AC scans.
 *
 * <p>Not supported (the caller falls back to ImageIO, which supports none of them either): arithmetic coding,
 * 12-bit samples, lossless and hierarchical JPEG. Not thread-safe: one instance per image.
 */
public final class JpegDecoder {

    private static final VarHandle LONG_BIG_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7,
        14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39,
        46, 53, 60, 61, 54, 47, 55, 62, 63};

    /** Zigzag coefficients needed for an N×N reduced IDCT, by log2 of the scale denominator (0..3). */
    private static final int[] COEFFICIENTS_NEEDED = {64, 25, 5, 1};

    private static final float[][][] IDCT_TABLES = new float[9][][];

    static {
        for (int n : new int[] {1, 2, 4, 8}) {
            float[][] t = new float[n][n];
            for (int x = 0; x < n; x++) {
                for (int u = 0; u < n; u++) {
                    double c = u == 0 ? Math.sqrt(0.5) : 1.0;
                    t[x][u] = (float) (c / 2 * Math.cos((2 * x + 1) * u * Math.PI / (2 * n)));
                }
            }
            IDCT_TABLES[n] = t;
        }
    }

    /** What the markers before the first scan say. */
    public static final class Header {
        int width;
        int height;
        int precision;
        int frameType = -1;
        int components;
        int adobeTransform = -1;
        boolean jfif;
        int orientation = 1;
        byte[] iccProfile;
        int[] componentIds;

        /** @return the width in pixels */
        public int width() {
            return width;
        }

        /** @return the height in pixels */
        public int height() {
            return height;
        }

        /** @return the number of color components (1, 3 or 4) */
        public int components() {
            return components;
        }

        /** @return the EXIF orientation, 1..8 */
        public int orientation() {
            return orientation;
        }

        /** @return whether an ICC profile is embedded */
        public boolean hasIccProfile() {
            return iccProfile != null;
        }

        /** @return whether this decoder can decode the frame (baseline/extended/progressive Huffman, 8-bit) */
        public boolean supportedByThisDecoder() {
            return (frameType == 0 || frameType == 1 || frameType == 2) && precision == 8
                    && (components == 1 || components == 3 || components == 4);
        }

        /** @return a description of the frame type, for messages */
        public String describeFrame() {
            return "SOF" + frameType + ", " + precision + "-bit, " + components + " components";
        }
    }

    private static final class Component {
        int id;
        int h;
        int v;
        int tq;
        int blocksPerLine;
        int blocksPerColumn;
        int blocksPerLineMcu;
        int blocksPerColumnMcu;
        byte[] plane;
        int planeWidth;
        short[] coefficients;
        long[] nonZero;
        int pred;
        Huffman dc;
        Huffman ac;
    }

    private static final class Huffman {
        static final int END_OF_BLOCK = 1 << 12;
        static final int ZERO_RUN = 1 << 13;

        final int[] lookup = new int[1 << 9];
        /**
         * For AC coefficients that are skipped (all of them at 1/8 scale): by the next 9 bits, the code's length plus
         * its extra bits (bits 0-7), the run (bits 8-11), and whether it ends the block or is a run of 16 zeros;
         * 0 when the code is longer than 9 bits. Skipping a coefficient is then one lookup and one subtraction.
         */
        final int[] skip = new int[1 << 9];
        final int[] maxCode = new int[18];
        final int[] valueOffset = new int[18];
        final byte[] values;

        Huffman(int[] counts, byte[] values) {
            this.values = values;
            int code = 0;
            int k = 0;
            for (int len = 1; len <= 16; len++) {
                valueOffset[len] = k - code;
                for (int i = 0; i < counts[len - 1]; i++) {
                    if (len <= 9) {
                        int shift = 9 - len;
                        int base = code << shift;
                        int rs = values[k] & 0xFF;
                        int size = rs & 15;
                        int run = rs >> 4;
                        int skipEntry = (len + size) | (run << 8)
                                | (size == 0 ? (run == 15 ? ZERO_RUN : END_OF_BLOCK) : 0);
                        for (int j = 0; j < (1 << shift); j++) {
                            lookup[base + j] = (len << 8) | rs;
                            skip[base + j] = skipEntry;
                        }
                    }
                    code++;
                    k++;
                }
                maxCode[len] = counts[len - 1] == 0 ? -1 : code - 1;
                if (code > (1 << len)) {
                    throw BadImageData.corrupt("invalid Huffman table (too many codes of length " + len + ")");
                }
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
        }
    }

    /**
     * The streaming window: a marker segment is at most 65,535 bytes plus its marker, and the window must hold one
     * whole, so headers and tables can be parsed by index.
     */
    public static final int WINDOW = 128 * 1024;

    // data[0, end) holds the file's bytes from offset discarded on; pos indexes data. With a stream, bytes before
    // pos are dropped when the window slides, so no position may be kept across a call that can slide it (ensure,
    // more, fill and the scans that use them).
    private final byte[] data;
    private int end;
    private int pos;
    private final InputStream in;
    private boolean eof;
    private long discarded;
    private int pendingMarker = -1;

    private final int[][] quantization = new int[4][];
    private final Huffman[] dcTables = new Huffman[4];
    private final Huffman[] acTables = new Huffman[4];
    private Component[] frame;
    private int hMax;
    private int vMax;
    private int mcusPerLine;
    private int mcusPerColumn;
    private int restartInterval;
    private final Header header = new Header();
    private boolean headerRead;

    // Entropy decoder state.
    private long bits;
    private int bitCount;
    private int fakeBytes;
    private boolean markerHit;
    private boolean hitEndOfData;
    private int eobRun;

    // Decode state.
    private int scaleLog2;
    private int blockSize;
    private int coefficientsKept;
    private final float[] block = new float[64];

    /**
     * Creates a decoder over the whole file; nothing is parsed yet.
     *
     * @param data the JPEG file
     */
    public JpegDecoder(byte[] data) {
        this.data = data;
        this.end = data.length;
        this.in = null;
        this.eof = true;
    }

    /**
     * Creates a decoder that reads the file from a stream as it decodes, through a window of {@link #WINDOW} bytes.
     * The stream is not closed. A read failure surfaces as {@link UncheckedIOException}.
     *
     * @param in the JPEG file, from its first byte
     */
    public JpegDecoder(InputStream in) {
        this.data = new byte[WINDOW];
        this.end = 0;
        this.in = in;
    }

    /**
     * Slides the window: drops the bytes before pos and reads more after them.
     *
     * @return false when the stream had nothing more
     */
    private boolean more() {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(data, pos, data, 0, end - pos);
            discarded += pos;
            end -= pos;
            pos = 0;
        }
        if (end == data.length) {
            throw new IllegalStateException("window full at " + end + " bytes"); // callers need at most 65,537
        }
        try {
            int n = in.readNBytes(data, end, data.length - end);
            if (n <= 0) {
                eof = true;
                return false;
            }
            end += n;
            if (end < data.length) {
                eof = true; // readNBytes stops short only at the end of the stream
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the image failed after " + (discarded + end) + " bytes", e);
        }
    }

    /** Makes {@code n} bytes from pos available if the file has them; may slide the window. */
    private boolean ensure(int n) {
        while (pos + n > end) {
            if (!more()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses the markers up to the first scan: dimensions, components, EXIF orientation, ICC profile, Adobe
     * transform. Decodes no pixel.
     *
     * @return the header
     * @throws BadImageData when the markers are broken
     */
    public Header readHeader() {
        if (headerRead) {
            return header;
        }
        if (!ensure(4) || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != 0xD8) {
            throw BadImageData.corrupt("not a JPEG file (no SOI marker)");
        }
        pos = 2;
        ByteArrayOutputStream icc = null;
        while (true) {
            int marker = nextMarker();
            if (marker == 0xDA) {
                pendingMarker = marker; // decode() starts with this scan
                break;
            }
            if (marker == 0xD9) {
                throw BadImageData.truncated("the file ends (EOI) before any image data");
            }
            int length = segmentLength();
            int start = pos + 2;
            int segmentEnd = pos + length;
            switch (marker) {
                case 0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
                        readFrame(marker - 0xC0, start, segmentEnd);
                case 0xC4 -> readHuffmanTables(start, segmentEnd);
                case 0xDB -> readQuantizationTables(start, segmentEnd);
                case 0xDD -> {
                    requireLength(start, segmentEnd, 2, "DRI");
                    restartInterval = u16(start);
                }
                case 0xE0 -> header.jfif |= matches(start, segmentEnd, "JFIF\0");
                case 0xE1 -> {
                    if (matches(start, segmentEnd, "Exif\0\0")) {
                        header.orientation = Exif.orientation(data, start + 6, segmentEnd);
                    }
                }
                case 0xE2 -> {
                    if (matches(start, segmentEnd, "ICC_PROFILE\0") && segmentEnd - start > 14) {
                        if (icc == null) {
                            icc = new ByteArrayOutputStream();
                        }
                        icc.write(data, start + 14, segmentEnd - start - 14);
                    }
                }
                case 0xEE -> {
                    if (matches(start, segmentEnd, "Adobe") && segmentEnd - start >= 12) {
                        header.adobeTransform = data[start + 11] & 0xFF;
                    }
                }
                default -> {
                    // COM, other APPn, DNL, ...: not needed.
                }
            }
            pos = segmentEnd;
        }
        if (header.frameType < 0) {
            throw BadImageData.corrupt("no frame header (SOF) before the first scan");
        }
        if (icc != null) {
            header.iccProfile = icc.toByteArray();
        }
        headerRead = true;
        return header;
    }

    /**
     * Decodes the image at 1/2^{@code scaleLog2} of its size (rounded up), as opaque RGB.
     *
     * @param scaleLog2 0 (full size) to 3 (1/8)
     * @return the pixels
     * @throws BadImageData when the data is corrupt, truncated or of an unsupported kind
     */
    public Pixels decode(int scaleLog2) {
        readHeader();
        if (!header.supportedByThisDecoder()) {
            throw BadImageData.unsupported("JPEG " + header.describeFrame() + " is not supported");
        }
        this.scaleLog2 = scaleLog2;
        this.blockSize = 8 >> scaleLog2;
        boolean progressive = header.frameType == 2;
        this.coefficientsKept = COEFFICIENTS_NEEDED[scaleLog2];
        for (Component c : frame) {
            c.planeWidth = c.blocksPerLineMcu * blockSize;
            long planeBytes = (long) c.planeWidth * c.blocksPerColumnMcu * blockSize;
            c.plane = new byte[Math.toIntExact(planeBytes)];
            if (progressive) {
                int blocks = c.blocksPerLineMcu * c.blocksPerColumnMcu;
                c.coefficients = new short[Math.multiplyExact(blocks, coefficientsKept)];
                if (scaleLog2 < 3) {
                    c.nonZero = new long[blocks];
                }
            }
        }
        boolean sawScan = false;
        while (true) {
            int marker = pendingMarker >= 0 ? pendingMarker : nextMarkerOrEnd();
            pendingMarker = -1;
            if (marker < 0) {
                if (!sawScan) {
                    throw BadImageData.truncated("the file ends before its image data");
                }
                break; // no EOI after complete scans: what we have is a complete (if coarser) image
            }
            if (marker == 0xD9) {
                break;
            }
            if (marker >= 0xD0 && marker <= 0xD7) {
                continue; // a stray restart marker between scans
            }
            int length = segmentLength();
            int start = pos + 2;
            int segmentEnd = pos + length;
            switch (marker) {
                case 0xC4 -> {
                    readHuffmanTables(start, segmentEnd);
                    pos = segmentEnd;
                }
                case 0xDB -> {
                    readQuantizationTables(start, segmentEnd);
                    pos = segmentEnd;
                }
                case 0xDD -> {
                    requireLength(start, segmentEnd, 2, "DRI");
                    restartInterval = u16(start);
                    pos = segmentEnd;
                }
                case 0xDA -> {
                    pos = segmentEnd;
                    readScan(start, segmentEnd, progressive);
                    sawScan = true;
                }
                default -> pos = segmentEnd;
            }
        }
        if (progressive) {
            for (Component c : frame) {
                inverseTransformStored(c);
            }
        }
        return toRgb();
    }

    // ---------------------------------------------------------------------------------------------- markers

    private int nextMarker() {
        int marker = nextMarkerOrEnd();
        if (marker < 0) {
            throw BadImageData.truncated("the file ends in its headers, at byte " + (discarded + end));
        }
        return marker;
    }

    /** Skips to the next marker; returns its code, or -1 at the end of the data. Leaves pos after it. */
    private int nextMarkerOrEnd() {
        while (pos < end || more()) {
            if ((data[pos] & 0xFF) != 0xFF) {
                pos++; // garbage between segments (or the rest of a skipped scan): skip to the next 0xFF
                continue;
            }
            while ((pos < end || more()) && (data[pos] & 0xFF) == 0xFF) {
                pos++;
            }
            if (pos >= end) {
                return -1;
            }
            int marker = data[pos++] & 0xFF;
            if (marker != 0) {
                return marker;
            }
        }
        return -1;
    }

    /** The length of the segment at pos, whose bytes are then all in the window (the window may have slid). */
    private int segmentLength() {
        if (!ensure(2)) {
            throw BadImageData.truncated("the file ends inside a marker segment");
        }
        int length = u16(pos);
        if (length < 2 || !ensure(length)) {
            throw BadImageData.truncated("a marker segment of " + length + " bytes runs past the end of the file");
        }
        return length;
    }

    private int u16(int at) {
        return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
    }

    private boolean matches(int start, int segmentEnd, String tag) {
        if (segmentEnd - start < tag.length()) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            if (data[start + i] != (byte) tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static void requireLength(int start, int segmentEnd, int needed, String what) {
        if (segmentEnd - start < needed) {
            throw BadImageData.corrupt(what + " segment too short");
        }
    }

    private void readFrame(int type, int start, int segmentEnd) {
        if (header.frameType >= 0) {
            throw BadImageData.unsupported("JPEG with more than one frame (hierarchical) is not supported");
        }
        requireLength(start, segmentEnd, 6, "SOF");
        header.frameType = type;
        header.precision = data[start] & 0xFF;
        header.height = u16(start + 1);
        header.width = u16(start + 3);
        int n = data[start + 5] & 0xFF;
        header.components = n;
        if (header.width == 0 || header.height == 0) {
            throw BadImageData.corrupt("the frame header gives a size of " + header.width + "x" + header.height);
        }
        if (n == 0 || n > 4) {
            throw BadImageData.unsupported("JPEG with " + n + " components is not supported");
        }
        requireLength(start, segmentEnd, 6 + 3 * n, "SOF");
        frame = new Component[n];
        header.componentIds = new int[n];
        for (int i = 0; i < n; i++) {
            Component c = new Component();
            int at = start + 6 + 3 * i;
            c.id = data[at] & 0xFF;
            c.h = (data[at + 1] & 0xFF) >> 4;
            c.v = data[at + 1] & 0x0F;
            c.tq = data[at + 2] & 0x03;
            if (c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4) {
                throw BadImageData.corrupt("invalid sampling factors " + c.h + "x" + c.v);
            }
            frame[i] = c;
            header.componentIds[i] = c.id;
            hMax = Math.max(hMax, c.h);
            vMax = Math.max(vMax, c.v);
        }
        mcusPerLine = ceilDiv(header.width, 8 * hMax);
        mcusPerColumn = ceilDiv(header.height, 8 * vMax);
        for (Component c : frame) {
            if (hMax % c.h != 0 || vMax % c.v != 0) {
                throw BadImageData.unsupported("JPEG with non-integral sampling ratios is not supported");
            }
            c.blocksPerLine = ceilDiv(ceilDiv(header.width * c.h, hMax), 8);
            c.blocksPerColumn = ceilDiv(ceilDiv(header.height * c.v, vMax), 8);
            c.blocksPerLineMcu = mcusPerLine * c.h;
            c.blocksPerColumnMcu = mcusPerColumn * c.v;
        }
    }

    private void readHuffmanTables(int start, int segmentEnd) {
        int at = start;
        while (at < segmentEnd) {
            if (at + 17 > segmentEnd) {
                throw BadImageData.corrupt("DHT segment too short");
            }
            int classAndId = data[at] & 0xFF;
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = data[at + 1 + i] & 0xFF;
                total += counts[i];
            }
            at += 17;
            if (total > 256 || at + total > segmentEnd) {
                throw BadImageData.corrupt("DHT segment too short for its " + total + " symbols");
            }
            byte[] values = new byte[total];
            System.arraycopy(data, at, values, 0, total);
            at += total;
            Huffman table = new Huffman(counts, values);
            int id = classAndId & 0x0F;
            if (id > 3) {
                throw BadImageData.corrupt("Huffman table id " + id);
            }
            if ((classAndId >> 4) == 0) {
                dcTables[id] = table;
            } else {
                acTables[id] = table;
            }
        }
    }

    private void readQuantizationTables(int start, int segmentEnd) {
        int at = start;
        while (at < segmentEnd) {
            int pq = (data[at] & 0xFF) >> 4;
            int id = data[at] & 0x0F;
            if (id > 3) {
                throw BadImageData.corrupt("quantization table id " + id);
            }
            at++;
            int[] table = new int[64];
            int size = pq == 0 ? 64 : 128;
            if (at + size > segmentEnd) {
                throw BadImageData.corrupt("DQT segment too short");
            }
            for (int k = 0; k < 64; k++) {
                table[ZIGZAG[k]] = pq == 0 ? data[at + k] & 0xFF : u16(at + 2 * k);
            }
            at += size;
            quantization[id] = table;
        }
    }

    // ------------------------------------------------------------------------------------------------ scans

    private void readScan(int start, int segmentEnd, boolean progressive) {
        int n = data[start] & 0xFF;
        if (n < 1 || n > 4 || start + 1 + 2 * n + 3 > segmentEnd) {
            throw BadImageData.corrupt("invalid scan header");
        }
        Component[] scan = new Component[n];
        for (int i = 0; i < n; i++) {
            int id = data[start + 1 + 2 * i] & 0xFF;
            int tables = data[start + 2 + 2 * i] & 0xFF;
            Component found = null;
            for (Component c : frame) {
                if (c.id == id) {
                    found = c;
                }
            }
            if (found == null) {
                throw BadImageData.corrupt("scan names component " + id + ", which the frame does not have");
            }
            found.dc = dcTables[tables >> 4];
            found.ac = acTables[tables & 0x0F];
            scan[i] = found;
        }
        int at = start + 1 + 2 * n;
        int ss = data[at] & 0xFF;
        int se = data[at + 1] & 0xFF;
        int ah = (data[at + 2] & 0xFF) >> 4;
        int al = data[at + 2] & 0x0F;
        if (progressive) {
            if (ss > se || se > 63 || (ss == 0 && se != 0) || (ss > 0 && n != 1) || al > 13) {
                throw BadImageData.corrupt("invalid progressive scan parameters Ss=" + ss + " Se=" + se);
            }
            if (ss > 0 && scaleLog2 == 3) {
                skipScanData(); // at 1/8 scale only the DC coefficients matter
                return;
            }
        }
        for (Component c : scan) {
            boolean needsDc = !progressive || ss == 0 && ah == 0;
            boolean needsAc = !progressive || ss > 0;
            if ((needsDc && c.dc == null) || (needsAc && c.ac == null)) {
                throw BadImageData.corrupt("scan uses a Huffman table that was never defined");
            }
            if (!progressive && quantization[c.tq] == null) {
                throw BadImageData.corrupt("component " + c.id + " uses an undefined quantization table");
            }
            c.pred = 0;
        }
        resetBits();
        eobRun = 0;
        int mode = !progressive ? 0 : ss == 0 ? (ah == 0 ? 1 : 2) : (ah == 0 ? 3 : 4);
        if (n == 1) {
            Component c = scan[0];
            int total = c.blocksPerLine * c.blocksPerColumn;
            int untilRestart = restartInterval;
            for (int i = 0; i < total; i++) {
                if (restartInterval > 0 && untilRestart == 0) {
                    restart(scan);
                    untilRestart = restartInterval;
                }
                int row = i / c.blocksPerLine;
                int col = i % c.blocksPerLine;
                decodeBlock(c, row, col, mode, ss, se, al);
                checkNotPastData();
                untilRestart--;
            }
        } else {
            int total = mcusPerLine * mcusPerColumn;
            int untilRestart = restartInterval;
            for (int m = 0; m < total; m++) {
                if (restartInterval > 0 && untilRestart == 0) {
                    restart(scan);
                    untilRestart = restartInterval;
                }
                int mcuRow = m / mcusPerLine;
                int mcuCol = m % mcusPerLine;
                for (Component c : scan) {
                    for (int v = 0; v < c.v; v++) {
                        for (int h = 0; h < c.h; h++) {
                            decodeBlock(c, mcuRow * c.v + v, mcuCol * c.h + h, mode, ss, se, al);
                        }
                    }
                }
                checkNotPastData();
                untilRestart--;
            }
        }
        // Leave pos at the marker that ends the scan.
        if (markerHit) {
            return;
        }
        skipScanData();
    }

    private void skipScanData() {
        while (pos < end || more()) {
            if ((data[pos] & 0xFF) == 0xFF && (pos + 1 < end || ensure(2))) {
                int next = data[pos + 1] & 0xFF;
                if (next != 0 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
                    return;
                }
            }
            pos++;
        }
    }

    private void restart(Component[] scan) {
        // Find the restart marker: usually right here, after the padding bits.
        int at = pos;
        while (true) {
            if (at + 1 >= end) {
                pos = at; // the padding before at is not needed: let the window drop it
                if (!ensure(2)) {
                    break;
                }
                at = pos;
            }
            if ((data[at] & 0xFF) == 0xFF && (data[at + 1] & 0xFF) != 0 && (data[at + 1] & 0xFF) != 0xFF) {
                break;
            }
            at++;
        }
        if (at + 1 >= end) {
            throw BadImageData.truncated("the file ends where a restart marker was expected");
        }
        int marker = data[at + 1] & 0xFF;
        if (marker < 0xD0 || marker > 0xD7) {
            throw BadImageData.corrupt(String.format("expected a restart marker, found marker 0x%02X", marker));
        }
        pos = at + 2;
        resetBits();
        eobRun = 0;
        for (Component c : scan) {
            c.pred = 0;
        }
    }

    private void decodeBlock(Component c, int row, int col, int mode, int ss, int se, int al) {
        switch (mode) {
            case 0 -> decodeBaseline(c, row, col);
            case 1 -> {
                int t = decodeHuffman(c.dc);
                c.pred += t == 0 ? 0 : receiveExtend(t);
                c.coefficients[(row * c.blocksPerLineMcu + col) * coefficientsKept] = (short) (c.pred << al);
            }
            case 2 -> {
                if (readBit() != 0) {
                    c.coefficients[(row * c.blocksPerLineMcu + col) * coefficientsKept] |= (short) (1 << al);
                }
            }
            case 3 -> decodeAcFirst(c, row * c.blocksPerLineMcu + col, ss, se, al);
            default -> decodeAcRefine(c, row * c.blocksPerLineMcu + col, ss, se, al);
        }
    }

    private void decodeBaseline(Component c, int row, int col) {
        int t = decodeHuffman(c.dc);
        c.pred += t == 0 ? 0 : receiveExtend(t);
        float[] blk = block;
        int[] q = quantization[c.tq];
        blk[0] = c.pred * q[0];
        int kept = coefficientsKept;
        Huffman ac = c.ac;
        if (kept == 1) {
            skipAcCoefficients(ac);
            writeBlock(c, row, col, blk);
            return;
        }
        for (int k = 1; k < 64; ) {
            // The hot loop of a baseline decode: one refill check per symbol covers its code (<= 16 bits) and its
            // extra bits (<= 15), since a refill leaves at least 57 bits.
            if (bitCount < 32) {
                fill();
            }
            int rs = decodeHuffmanFilled(ac);
            int r = rs >> 4;
            int s = rs & 15;
            if (s == 0) {
                if (r < 15) {
                    break;
                }
                k += 16;
                continue;
            }
            k += r;
            if (k > 63) {
                throw BadImageData.corrupt("corrupt Huffman data (AC run past the end of a block)");
            }
            bitCount -= s;
            if (k < kept) {
                int v = (int) (bits >>> bitCount) & ((1 << s) - 1);
                int z = ZIGZAG[k];
                blk[z] = extend(v, s) * q[z];
            }
            k++;
        }
        writeBlock(c, row, col, blk);
    }

    /** Reads past a block's AC coefficients without keeping any: the 1/8-scale case, where only DC matters. */
    private void skipAcCoefficients(Huffman ac) {
        int[] skip = ac.skip;
        for (int k = 1; k < 64; ) {
            if (bitCount < 32) {
                fill();
            }
            int e = skip[(int) (bits >>> (bitCount - 9)) & 0x1FF];
            int r;
            if (e != 0) {
                bitCount -= e & 0xFF;
                if ((e & (Huffman.END_OF_BLOCK | Huffman.ZERO_RUN)) != 0) {
                    if ((e & Huffman.END_OF_BLOCK) != 0) {
                        return;
                    }
                    k += 16;
                    continue;
                }
                r = (e >> 8) & 15;
            } else {
                int rs = decodeHuffmanFilled(ac);
                r = rs >> 4;
                int s = rs & 15;
                if (s == 0) {
                    if (r < 15) {
                        return;
                    }
                    k += 16;
                    continue;
                }
                bitCount -= s;
            }
            k += r;
            if (k > 63) {
                throw BadImageData.corrupt("corrupt Huffman data (AC run past the end of a block)");
            }
            k++;
        }
    }

    private void decodeAcFirst(Component c, int blockIndex, int ss, int se, int al) {
        if (eobRun > 0) {
            eobRun--;
            return;
        }
        int base = blockIndex * coefficientsKept;
        for (int k = ss; k <= se; ) {
            int rs = decodeHuffman(c.ac);
            int r = rs >> 4;
            int s = rs & 15;
            if (s == 0) {
                if (r < 15) {
                    eobRun = (1 << r) - 1;
                    if (r > 0) {
                        eobRun += readBits(r);
                    }
                    break;
                }
                k += 16;
                continue;
            }
            k += r;
            if (k > 63) {
                throw BadImageData.corrupt("corrupt Huffman data (AC run past the end of a block)");
            }
            int value = receiveExtend(s) * (1 << al);
            if (k < coefficientsKept) {
                c.coefficients[base + k] = (short) value;
            }
            if (c.nonZero != null) {
                c.nonZero[blockIndex] |= 1L << k;
            }
            k++;
        }
    }

    private void decodeAcRefine(Component c, int blockIndex, int ss, int se, int al) {
        int p1 = 1 << al;
        int m1 = -1 << al;
        int base = blockIndex * coefficientsKept;
        int k = ss;
        if (eobRun == 0) {
            for (; k <= se; k++) {
                int rs = decodeHuffman(c.ac);
                int r = rs >> 4;
                int s = rs & 15;
                int value = 0;
                if (s != 0) {
                    value = readBit() != 0 ? p1 : m1;
                } else if (r != 15) {
                    eobRun = 1 << r;
                    if (r > 0) {
                        eobRun += readBits(r);
                    }
                    break;
                }
                while (k <= se) {
                    if ((c.nonZero[blockIndex] & (1L << k)) != 0) {
                        refine(c, base, k, p1, m1);
                    } else {
                        if (--r < 0) {
                            break;
                        }
                    }
                    k++;
                }
                if (value != 0) {
                    if (k > 63) {
                        throw BadImageData.corrupt("corrupt Huffman data (refinement past the end of a block)");
                    }
                    if (k < coefficientsKept) {
                        c.coefficients[base + k] = (short) value;
                    }
                    c.nonZero[blockIndex] |= 1L << k;
                }
            }
        }
        if (eobRun > 0) {
            for (; k <= se; k++) {
                if ((c.nonZero[blockIndex] & (1L << k)) != 0) {
                    refine(c, base, k, p1, m1);
                }
            }
            eobRun--;
        }
    }

    private void refine(Component c, int base, int k, int p1, int m1) {
        if (readBit() != 0 && k < coefficientsKept) {
            int v = c.coefficients[base + k];
            if ((v & p1) == 0) {
                c.coefficients[base + k] = (short) (v >= 0 ? v + p1 : v + m1);
            }
        }
    }

    // --------------------------------------------------------------------------------------- entropy decoding

    private void resetBits() {
        bits = 0;
        bitCount = 0;
        fakeBytes = 0;
        markerHit = false;
    }

    private void fill() {
        if (!markerHit && pos + 8 <= end) {
            // Fast path: take as many whole bytes as fit, at once, when none of them is 0xFF (stuffing or a marker).
            int n = Math.min(7, (64 - bitCount) >> 3);
            long mask = (1L << (8 * n)) - 1;
            long next = ((long) LONG_BIG_ENDIAN.get(data, pos)) >>> (64 - 8 * n);
            long inverted = ~next & mask; // a 0xFF byte becomes a zero byte; the bytes above n are zero too
            if (((inverted - 0x0101010101010101L) & ~inverted & 0x8080808080808080L & mask) == 0) {
                bits = (bits << (8 * n)) | next;
                bitCount += 8 * n;
                pos += n;
                return;
            }
        }
        while (bitCount <= 56) {
            int b;
            if (markerHit || (pos >= end && !more())) {
                b = 0;
                fakeBytes++;
                if (!markerHit) {
                    hitEndOfData = true;
                }
            } else {
                b = data[pos] & 0xFF;
                if (b == 0xFF) {
                    int next = pos + 1 < end || ensure(2) ? data[pos + 1] & 0xFF : -1;
                    if (next == 0) {
                        pos += 2;
                    } else if (next == 0xFF) {
                        pos++;
                        continue;
                    } else if (next < 0) {
                        pos++;
                        continue;
                    } else {
                        markerHit = true;
                        b = 0;
                        fakeBytes++;
                    }
                } else {
                    pos++;
                }
            }
            bits = (bits << 8) | b;
            bitCount += 8;
        }
    }

    /** Fails when the last block consumed bits that were not in the file (past a marker or its end). */
    private void checkNotPastData() {
        if (fakeBytes > 0 && bitCount < fakeBytes * 8) {
            if (hitEndOfData) {
                throw BadImageData.truncated("the file ends in the middle of its image data");
            }
            throw BadImageData.corrupt("corrupt Huffman data (the image data ends before the last block)");
        }
    }

    private int decodeHuffman(Huffman h) {
        if (bitCount < 16) {
            fill();
        }
        return decodeHuffmanFilled(h);
    }

    /** Decodes one symbol; at least 16 bits must be buffered. */
    private int decodeHuffmanFilled(Huffman h) {
        int entry = h.lookup[(int) (bits >>> (bitCount - 9)) & 0x1FF];
        if (entry != 0) {
            bitCount -= entry >> 8;
            return entry & 0xFF;
        }
        for (int len = 10; len <= 16; len++) {
            int code = (int) (bits >>> (bitCount - len)) & ((1 << len) - 1);
            if (code <= h.maxCode[len]) {
                bitCount -= len;
                return h.values[h.valueOffset[len] + code] & 0xFF;
            }
        }
        throw BadImageData.corrupt("corrupt Huffman data (a code that is not in the table)");
    }

    private int readBits(int n) {
        if (bitCount < n) {
            fill();
        }
        bitCount -= n;
        return (int) (bits >>> bitCount) & ((1 << n) - 1);
    }

    private int readBit() {
        return readBits(1);
    }

    private void skipBits(int n) {
        if (bitCount < n) {
            fill();
        }
        bitCount -= n;
    }

    private int receiveExtend(int s) {
        if (s > 16) {
            throw BadImageData.corrupt("corrupt Huffman data (magnitude category " + s + ")");
        }
        return extend(readBits(s), s);
    }

    /** The signed value of {@code s} magnitude bits {@code v} (JPEG's EXTEND: a leading 0 bit means negative). */
    private static int extend(int v, int s) {
        return v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
    }

    // ---------------------------------------------------------------------------------------- reduced IDCT

    private void inverseTransformStored(Component c) {
        int[] q = quantization[c.tq];
        if (q == null) {
            throw BadImageData.corrupt("component " + c.id + " uses an undefined quantization table");
        }
        float[] blk = block;
        int kept = coefficientsKept;
        for (int row = 0; row < c.blocksPerColumnMcu; row++) {
            for (int col = 0; col < c.blocksPerLineMcu; col++) {
                int base = (row * c.blocksPerLineMcu + col) * kept;
                for (int k = 0; k < kept; k++) {
                    int z = ZIGZAG[k];
                    blk[z] = c.coefficients[base + k] * q[z];
                }
                writeBlock(c, row, col, blk);
            }
        }
        c.coefficients = null;
        c.nonZero = null;
    }

    /** Writes the reduced IDCT of blk into c's plane and clears the coefficients it used. */
    private void writeBlock(Component c, int row, int col, float[] blk) {
        int n = blockSize;
        byte[] plane = c.plane;
        int stride = c.planeWidth;
        int offset = row * n * stride + col * n;
        if (n == 1) {
            plane[offset] = clamp(blk[0] / 8f + 128f);
            blk[0] = 0;
            return;
        }
        float[][] t = IDCT_TABLES[n];
        float[] tmp = new float[64];
        // Rows: tmp[v][x] = sum_u blk[v][u] * t[x][u]
        for (int v = 0; v < n; v++) {
            for (int x = 0; x < n; x++) {
                float sum = 0;
                float[] tx = t[x];
                for (int u = 0; u < n; u++) {
                    sum += blk[v * 8 + u] * tx[u];
                }
                tmp[v * 8 + x] = sum;
            }
        }
        for (int y = 0; y < n; y++) {
            float[] ty = t[y];
            for (int x = 0; x < n; x++) {
                float sum = 0;
                for (int v = 0; v < n; v++) {
                    sum += tmp[v * 8 + x] * ty[v];
                }
                plane[offset + y * stride + x] = clamp(sum + 128f);
            }
        }
        for (int k = 0; k < coefficientsKept; k++) {
            blk[ZIGZAG[k]] = 0;
        }
    }

    private static byte clamp(float v) {
        int i = Math.round(v);
        return (byte) (i < 0 ? 0 : Math.min(i, 255));
    }

    // ------------------------------------------------------------------------------------------------ color

    private Pixels toRgb() {
        int scale = 1 << scaleLog2;
        int width = ceilDiv(header.width, scale);
        int height = ceilDiv(header.height, scale);
        int n = frame.length;
        byte[][] planes = new byte[n][];
        for (int i = 0; i < n; i++) {
            Component c = frame[i];
            planes[i] = upsample(c, width, height);
            c.plane = null;
        }
        int[] rgb = new int[Math.multiplyExact(width, height)];
        if (n == 1) {
            byte[] g = planes[0];
            for (int i = 0; i < rgb.length; i++) {
                int v = g[i] & 0xFF;
                rgb[i] = 0xFF000000 | v << 16 | v << 8 | v;
            }
        } else if (n == 3) {
            boolean rgbTransform = header.adobeTransform == 0
                    || (header.adobeTransform < 0 && !header.jfif && frame[0].id == 'R' && frame[1].id == 'G'
                            && frame[2].id == 'B');
            for (int i = 0; i < rgb.length; i++) {
                int a = planes[0][i] & 0xFF;
                int b = planes[1][i] & 0xFF;
                int c = planes[2][i] & 0xFF;
                rgb[i] = rgbTransform ? 0xFF000000 | a << 16 | b << 8 | c : ycc(a, b, c);
            }
            if (header.iccProfile != null) {
                ColorProfiles.rgbToSrgb(rgb, width, height, header.iccProfile);
            }
        } else {
            return cmykToRgb(planes, width, height);
        }
        return new Pixels(rgb, width, height, false);
    }

    private Pixels cmykToRgb(byte[][] planes, int width, int height) {
        boolean ycck = header.adobeTransform == 2;
        boolean inverted = header.adobeTransform >= 0;
        int count = width * height;
        // Ink amounts, 0 = no ink.
        byte[] ink = new byte[count * 4];
        for (int i = 0; i < count; i++) {
            int c = planes[0][i] & 0xFF;
            int m = planes[1][i] & 0xFF;
            int y = planes[2][i] & 0xFF;
            int k = planes[3][i] & 0xFF;
            if (ycck) {
                int rgb = ycc(c, m, y);
                c = 255 - ((rgb >> 16) & 0xFF);
                m = 255 - ((rgb >> 8) & 0xFF);
                y = 255 - (rgb & 0xFF);
            }
            if (inverted) {
                c = 255 - c;
                m = 255 - m;
                y = 255 - y;
                k = 255 - k;
            }
            ink[i * 4] = (byte) c;
            ink[i * 4 + 1] = (byte) m;
            ink[i * 4 + 2] = (byte) y;
            ink[i * 4 + 3] = (byte) k;
        }
        for (int i = 0; i < 4; i++) {
            planes[i] = null;
        }
        int[] rgb = header.iccProfile != null ? ColorProfiles.cmykToSrgb(ink, width, height, header.iccProfile) : null;
        if (rgb == null) {
            rgb = new int[count];
            for (int i = 0; i < count; i++) {
                int k = 255 - (ink[i * 4 + 3] & 0xFF);
                int r = (255 - (ink[i * 4] & 0xFF)) * k / 255;
                int g = (255 - (ink[i * 4 + 1] & 0xFF)) * k / 255;
                int b = (255 - (ink[i * 4 + 2] & 0xFF)) * k / 255;
                rgb[i] = 0xFF000000 | r << 16 | g << 8 | b;
            }
        }
        return new Pixels(rgb, width, height, false);
    }

    private static int ycc(int y, int cb, int cr) {
        float fcb = cb - 128f;
        float fcr = cr - 128f;
        int r = Math.round(y + 1.402f * fcr);
        int g = Math.round(y - 0.344136f * fcb - 0.714136f * fcr);
        int b = Math.round(y + 1.772f * fcb);
        r = r < 0 ? 0 : Math.min(r, 255);
        g = g < 0 ? 0 : Math.min(g, 255);
        b = b < 0 ? 0 : Math.min(b, 255);
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    /** The component's plane at the output size: bilinear, sample centres aligned (like libjpeg's fancy upsampling). */
    private byte[] upsample(Component c, int width, int height) {
        int fx = hMax / c.h;
        int fy = vMax / c.v;
        byte[] src = c.plane;
        int stride = c.planeWidth;
        int srcW = ceilDiv(width, fx);
        int srcH = ceilDiv(height, fy);
        byte[] out = new byte[width * height];
        if (fx == 1 && fy == 1) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(src, y * stride, out, y * width, width);
            }
            return out;
        }
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        int[] wx = new int[width];
        for (int x = 0; x < width; x++) {
            float sx = (x + 0.5f) / fx - 0.5f;
            int ix = (int) Math.floor(sx);
            float frac = sx - ix;
            x0[x] = Math.max(0, Math.min(srcW - 1, ix));
            x1[x] = Math.max(0, Math.min(srcW - 1, ix + 1));
            wx[x] = Math.round(frac * 256);
        }
        for (int y = 0; y < height; y++) {
            float sy = (y + 0.5f) / fy - 0.5f;
            int iy = (int) Math.floor(sy);
            int wy = Math.round((sy - iy) * 256);
            int r0 = Math.max(0, Math.min(srcH - 1, iy)) * stride;
            int r1 = Math.max(0, Math.min(srcH - 1, iy + 1)) * stride;
            int o = y * width;
            for (int x = 0; x < width; x++) {
                int a = src[r0 + x0[x]] & 0xFF;
                int b = src[r0 + x1[x]] & 0xFF;
                int cc = src[r1 + x0[x]] & 0xFF;
                int d = src[r1 + x1[x]] & 0xFF;
                int top = a * (256 - wx[x]) + b * wx[x];
                int bottom = cc * (256 - wx[x]) + d * wx[x];
                out[o + x] = (byte) ((top * (256 - wy) + bottom * wy + 32768) >> 16);
            }
        }
        return out;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}

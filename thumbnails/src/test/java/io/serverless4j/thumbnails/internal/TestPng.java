/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A test-only PNG writer that writes exactly what it is told (color type, bit depth, filter per row, interlacing,
 * IDAT chunk size, extra chunks), including files a real encoder would never write, so the decoder can be checked
 * against known sample values.
 */
final class TestPng {

    /** The stored sample values, 0 to 2^bitDepth − 1 (palette indices for color type 3). */
    interface Samples {
        int at(int x, int y, int channel);
    }

    private static final int[][] ADAM7 = {
        {0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};

    final int width;
    final int height;
    final int colorType;
    final int bitDepth;
    final Samples samples;
    boolean interlaced;
    /** 0 to 4 for every row, or −1 to cycle through all five, row after row. */
    int filter = -1;
    int idatChunkBytes = 64 * 1024;
    int deflateLevel = Deflater.DEFAULT_COMPRESSION;
    /** RGB triples. */
    byte[] palette;
    byte[] transparency;
    final List<byte[]> chunksBeforeImageData = new ArrayList<>();
    final List<byte[]> chunksAfterImageData = new ArrayList<>();
    boolean iend = true;
    /** Rows (counted over all passes) to compress; −1 for all. */
    int rowLimit = -1;
    /** Raw bytes appended to the zlib stream after the last row. */
    int extraBytes;
    UnaryOperator<byte[]> zlibTransform = UnaryOperator.identity();
    /** Raw IHDR fields, to write headers the decoder must reject. */
    int ihdrBitDepth = -1;
    long ihdrWidth = -1;

    TestPng(int width, int height, int colorType, int bitDepth, Samples samples) {
        this.width = width;
        this.height = height;
        this.colorType = colorType;
        this.bitDepth = bitDepth;
        this.samples = samples;
    }

    static int channels(int colorType) {
        return switch (colorType) {
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1;
        };
    }

    int channels() {
        return channels(colorType);
    }

    /** Random samples, fixed by the seed, stored so every call for a pixel answers the same. */
    static Samples random(int width, int height, int channels, int bitDepth, int maxValue, long seed) {
        Random random = new Random(seed);
        int[] values = new int[width * height * channels];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(maxValue + 1);
        }
        return (x, y, c) -> values[(y * width + x) * channels + c];
    }

    byte[] write() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, (int) (ihdrWidth >= 0 ? ihdrWidth : width));
        putInt(ihdr, 4, height);
        ihdr[8] = (byte) (ihdrBitDepth >= 0 ? ihdrBitDepth : bitDepth);
        ihdr[9] = (byte) colorType;
        ihdr[12] = (byte) (interlaced ? 1 : 0);
        out.writeBytes(chunk("IHDR", ihdr));
        chunksBeforeImageData.forEach(out::writeBytes);
        if (palette != null) {
            out.writeBytes(chunk("PLTE", palette));
        }
        if (transparency != null) {
            out.writeBytes(chunk("tRNS", transparency));
        }
        byte[] zlib = zlibTransform.apply(imageData());
        for (int from = 0; from < zlib.length || from == 0; from += idatChunkBytes) {
            int to = Math.min(zlib.length, from + idatChunkBytes);
            byte[] part = new byte[to - from];
            System.arraycopy(zlib, from, part, 0, part.length);
            out.writeBytes(chunk("IDAT", part));
        }
        chunksAfterImageData.forEach(out::writeBytes);
        if (iend) {
            out.writeBytes(chunk("IEND", new byte[0]));
        }
        return out.toByteArray();
    }

    private byte[] imageData() {
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(deflateLevel);
        try (DeflaterOutputStream out = new DeflaterOutputStream(zlib, deflater, 64 * 1024)) {
            int[] rowsWritten = {0};
            if (interlaced) {
                for (int[] pass : ADAM7) {
                    writePass(out, pass[0], pass[1], pass[2], pass[3], rowsWritten);
                }
            } else {
                writePass(out, 0, 0, 1, 1, rowsWritten);
            }
            out.write(new byte[extraBytes]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return zlib.toByteArray();
    }

    private void writePass(DeflaterOutputStream out, int x0, int y0, int dx, int dy, int[] rowsWritten)
            throws IOException {
        int passWidth = width > x0 ? (width - x0 + dx - 1) / dx : 0;
        int passHeight = height > y0 ? (height - y0 + dy - 1) / dy : 0;
        if (passWidth == 0 || passHeight == 0) {
            return;
        }
        int bitsPerPixel = channels() * bitDepth;
        int bytesPerPixel = Math.max(1, bitsPerPixel / 8);
        byte[] previous = new byte[(passWidth * bitsPerPixel + 7) / 8];
        for (int j = 0; j < passHeight; j++) {
            if (rowLimit >= 0 && rowsWritten[0] >= rowLimit) {
                return;
            }
            byte[] raw = pack(y0 + j * dy, x0, dx, passWidth, previous.length);
            int type = filter >= 0 ? filter : rowsWritten[0] % 5;
            out.write(type);
            out.write(filter(type, raw, previous, bytesPerPixel));
            previous = raw;
            rowsWritten[0]++;
        }
    }

    private byte[] pack(int y, int x0, int dx, int pixels, int length) {
        byte[] raw = new byte[length];
        int bit = 0;
        for (int i = 0; i < pixels; i++) {
            int x = x0 + i * dx;
            for (int c = 0; c < channels(); c++) {
                int v = samples.at(x, y, c);
                if (bitDepth == 16) {
                    raw[bit >> 3] = (byte) (v >> 8);
                    raw[(bit >> 3) + 1] = (byte) v;
                } else if (bitDepth == 8) {
                    raw[bit >> 3] = (byte) v;
                } else {
                    raw[bit >> 3] |= (byte) (v << (8 - bitDepth - (bit & 7)));
                }
                bit += bitDepth;
            }
        }
        return raw;
    }

    /** The filters as the PNG specification words them. */
    static byte[] filter(int type, byte[] raw, byte[] previous, int bytesPerPixel) {
        byte[] out = new byte[raw.length];
        for (int i = 0; i < raw.length; i++) {
            int a = i >= bytesPerPixel ? raw[i - bytesPerPixel] & 0xFF : 0;
            int b = previous[i] & 0xFF;
            int c = i >= bytesPerPixel ? previous[i - bytesPerPixel] & 0xFF : 0;
            int predictor = switch (type) {
                case 0 -> 0;
                case 1 -> a;
                case 2 -> b;
                case 3 -> (a + b) / 2;
                case 4 -> {
                    int p = a + b - c;
                    int pa = Math.abs(p - a);
                    int pb = Math.abs(p - b);
                    int pc = Math.abs(p - c);
                    yield pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                }
                default -> 0;
            };
            out[i] = (byte) ((raw[i] & 0xFF) - predictor);
        }
        return out;
    }

    static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[12 + data.length];
        putInt(out, 0, data.length);
        System.arraycopy(typeBytes, 0, out, 4, 4);
        System.arraycopy(data, 0, out, 8, data.length);
        CRC32 crc = new CRC32();
        crc.update(out, 4, 4 + data.length);
        putInt(out, 8 + data.length, (int) crc.getValue());
        return out;
    }

    static void putInt(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    /** Where the first chunk of this type starts (its length field), or −1. */
    static int find(byte[] png, String type) {
        int pos = 8;
        while (pos + 8 <= png.length) {
            int length = (png[pos] & 0xFF) << 24 | (png[pos + 1] & 0xFF) << 16 | (png[pos + 2] & 0xFF) << 8
                    | (png[pos + 3] & 0xFF);
            if (new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1).equals(type)) {
                return pos;
            }
            pos += 12 + length;
        }
        return -1;
    }

    static int chunkLength(byte[] png, int pos) {
        return (png[pos] & 0xFF) << 24 | (png[pos + 1] & 0xFF) << 16 | (png[pos + 2] & 0xFF) << 8
                | (png[pos + 3] & 0xFF);
    }
}

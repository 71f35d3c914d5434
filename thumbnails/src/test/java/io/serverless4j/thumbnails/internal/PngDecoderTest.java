/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.serverless4j.thumbnails.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntBinaryOperator;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PngDecoderTest {

    private static final int[][] SIZES = {{1, 1}, {7, 3}, {33, 17}};
    /** 200 is above 181, where interlaced images switch to long sums. */
    private static final int[] SCALES = {1, 2, 3, 8, 200};

    // ---- known pixels, every format ----

    static Stream<Arguments> formats() {
        Stream.Builder<Arguments> b = Stream.builder();
        int[][] depths = {{1, 2, 4, 8, 16}, null, {8, 16}, {1, 2, 4, 8}, {8, 16}, null, {8, 16}};
        for (boolean interlaced : new boolean[] {false, true}) {
            for (int colorType : new int[] {0, 2, 3, 4, 6}) {
                for (int depth : depths[colorType]) {
                    b.add(Arguments.of(colorType, depth, false, interlaced));
                    if (colorType <= 3) {
                        b.add(Arguments.of(colorType, depth, true, interlaced));
                    }
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "color type {0}, {1}-bit, tRNS {2}, interlaced {3}")
    @MethodSource("formats")
    void decodesEveryColorTypeAndBitDepthToTheKnownPixelsAtEveryScale(int colorType, int depth, boolean trns,
            boolean interlaced) {
        for (int[] size : SIZES) {
            TestPng png = image(colorType, depth, trns, size[0], size[1], 31L * colorType + depth);
            png.interlaced = interlaced;
            png.idatChunkBytes = 97;
            byte[] file = png.write();
            int[] full = expectedPixels(png);
            boolean alpha = colorType == 4 || colorType == 6 || trns;
            for (int s : SCALES) {
                Pixels decoded = decode(file, s);
                Pixels expected = average(full, size[0], size[1], s, alpha);
                assertSamePixels(decoded, expected, size[0] + "x" + size[1] + " at 1/" + s);
            }
        }
    }

    @Test
    void roundsSixteenBitSamplesToTheNearestEightBitValue() {
        int[] stored = {0, 1, 128, 129, 257, 385, 386, 32767, 32896, 65406, 65407, 65535};
        // (v·255 + 32767) / 65535, worked out by hand.
        int[] eightBit = {0, 0, 0, 1, 1, 1, 2, 127, 128, 254, 255, 255};
        TestPng png = new TestPng(stored.length, 1, 0, 16, (x, y, c) -> stored[x]);
        Pixels decoded = decode(png.write(), 1);
        for (int x = 0; x < stored.length; x++) {
            int v = eightBit[x];
            assertThat(decoded.argb()[x]).as("stored %d", stored[x]).isEqualTo(0xFF000000 | v << 16 | v << 8 | v);
        }
    }

    @Test
    void scalesLowBitDepthGrayToTheFullRangeAsSrgbValuesNotThroughLinearGray() {
        TestPng png = new TestPng(4, 1, 0, 2, (x, y, c) -> x);
        Pixels decoded = decode(png.write(), 1);
        assertThat(decoded.argb()).containsExactly(0xFF000000, 0xFF555555, 0xFFAAAAAA, 0xFFFFFFFF);
        TestPng midGray = new TestPng(1, 1, 0, 8, (x, y, c) -> 128);
        assertThat(decode(midGray.write(), 1).argb()).containsExactly(0xFF808080);
    }

    static Stream<Arguments> filterFormats() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (int filter = 0; filter <= 4; filter++) {
            // Filter distances 1 (sub-byte and 8-bit gray), 4, 8, 6 and 2 bytes.
            for (int[] format : new int[][] {{0, 1}, {0, 8}, {6, 8}, {6, 16}, {2, 16}, {4, 8}, {3, 4}}) {
                b.add(Arguments.of(filter, format[0], format[1]));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "filter {0}, color type {1}, {2}-bit")
    @MethodSource("filterFormats")
    void undoesEachFilterTypeOnEveryRow(int filter, int colorType, int depth) {
        for (boolean interlaced : new boolean[] {false, true}) {
            TestPng png = image(colorType, depth, false, 33, 17, 7);
            png.filter = filter;
            png.interlaced = interlaced;
            int[] full = expectedPixels(png);
            byte[] file = png.write();
            for (int s : new int[] {1, 3}) {
                assertSamePixels(decode(file, s), average(full, 33, 17, s, colorType >= 4),
                        "interlaced " + interlaced + " at 1/" + s);
            }
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("interlaceSizes")
    void decodesTheSamePixelsInterlacedOrNotIncludingSizesWithEmptyAdam7Passes(int width, int height) {
        for (int[] format : new int[][] {{6, 8}, {0, 1}, {3, 2}, {2, 16}}) {
            TestPng plain = image(format[0], format[1], false, width, height, width * 100L + height);
            TestPng interlaced = image(format[0], format[1], false, width, height, width * 100L + height);
            interlaced.interlaced = true;
            for (int s : SCALES) {
                Pixels a = decode(plain.write(), s);
                Pixels b = decode(interlaced.write(), s);
                assertSamePixels(b, a, "color type " + format[0] + " " + width + "x" + height + " at 1/" + s);
            }
        }
    }

    static Stream<Arguments> interlaceSizes() {
        return Stream.of(new int[][] {{1, 1}, {2, 1}, {1, 2}, {3, 3}, {5, 1}, {1, 5}, {7, 3}, {8, 8}, {9, 9},
            {33, 17}}).map(size -> Arguments.of(size[0], size[1]));
    }

    @Test
    void skipsAncillaryChunksAndIgnoresExtraImageDataAndWhatFollowsIend() {
        TestPng png = image(6, 8, false, 33, 17, 3);
        png.chunksBeforeImageData.add(TestPng.chunk("gAMA", new byte[] {0, 0, (byte) 0xB1, (byte) 0x8F}));
        png.chunksBeforeImageData.add(TestPng.chunk("tEXt", "Comment\0hello".getBytes()));
        png.chunksBeforeImageData.add(TestPng.chunk("prVt", new byte[100_000]));
        png.chunksAfterImageData.add(TestPng.chunk("zzZz", new byte[10]));
        png.extraBytes = 5000;
        byte[] file = concat(png.write(), "trailing garbage".getBytes());
        for (int s : SCALES) {
            assertSamePixels(decode(file, s), average(expectedPixels(png), 33, 17, s, true), "at 1/" + s);
        }
    }

    // ---- against ImageIO ----

    @ParameterizedTest(name = "color type {0}, interlaced {1}")
    @MethodSource("imageIoCases")
    void givesExactlyImageIoDecodePlusBoxAverageForEightBitRgbAndRgba(int colorType, boolean interlaced) {
        TestPng png = image(colorType, 8, false, 101, 67, 11);
        png.interlaced = interlaced;
        png.idatChunkBytes = 1000;
        assertSameAsImageIo(png.write());
    }

    static Stream<Arguments> imageIoCases() {
        return Stream.of(Arguments.of(2, false), Arguments.of(2, true), Arguments.of(6, false),
                Arguments.of(6, true));
    }

    @Test
    void givesExactlyImageIoDecodePlusBoxAverageOnFilesImageIoWrote() {
        BufferedImage scene = TestImages.scene(517, 389, 7);
        assertSameAsImageIo(TestImages.png(scene));
        BufferedImage argb = new BufferedImage(517, 389, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 389; y++) {
            for (int x = 0; x < 517; x++) {
                int alpha = x < 100 ? 0 : Math.min(255, (x + y) / 3);
                argb.setRGB(x, y, alpha << 24 | (scene.getRGB(x, y) & 0xFFFFFF));
            }
        }
        assertSameAsImageIo(TestImages.png(argb));
    }

    @Test
    void theTestsReferenceAverageIsImageIoCodecBoxAverage() {
        Random random = new Random(5);
        BufferedImage image = new BufferedImage(37, 23, BufferedImage.TYPE_INT_ARGB);
        int[] argb = new int[37 * 23];
        for (int i = 0; i < argb.length; i++) {
            int x = i % 37;
            int alpha = x < 16 ? 0 : x < 20 ? 255 : random.nextInt(256);
            argb[i] = alpha << 24 | random.nextInt(1 << 24);
        }
        image.setRGB(0, 0, 37, 23, argb, 0, 37);
        for (int s : new int[] {2, 3, 8}) {
            assertThat(average(argb, 37, 23, s, true).argb()).isEqualTo(ImageIoCodec.boxAverage(image, s).argb());
        }
    }

    // ---- failures ----

    @Test
    void rejectsAFileWithoutThePngSignature() {
        assertBad("GIF89a\1\0\1\0\0\0\0".getBytes(), BadImageData.Kind.CORRUPT,
                "not a PNG: the file starts with 47 49 46 38 39 61 01 00, not the PNG signature"
                        + " 89 50 4E 47 0D 0A 1A 0A");
        assertBad(new byte[] {(byte) 0x89, 'P', 'N'}, BadImageData.Kind.TRUNCATED,
                "the file ends inside the PNG signature, after 3 bytes");
    }

    @Test
    void reportsAFileThatEndsInsideAnIdatChunkAsTruncated() {
        byte[] file = image(2, 8, false, 33, 17, 1).write();
        int idat = TestPng.find(file, "IDAT");
        byte[] cut = Arrays.copyOf(file, idat + 8 + TestPng.chunkLength(file, idat) / 2);
        assertBad(cut, BadImageData.Kind.TRUNCATED, "the file ends inside chunk IDAT");
    }

    @Test
    void decodesAFileThatEndsRightAfterItsImageDataWithoutIend() {
        TestPng png = image(6, 8, false, 33, 17, 2);
        png.iend = false;
        png.idatChunkBytes = 200;
        byte[] file = png.write();
        assertSamePixels(decode(file, 2), average(expectedPixels(png), 33, 17, 2, true), "no IEND");
        // Nor is a chunk after the image data read, so one cut short does not matter either.
        png.chunksAfterImageData.add(TestPng.chunk("tEXt", "Comment\0cut".getBytes()));
        byte[] withText = png.write();
        assertSamePixels(decode(Arrays.copyOf(withText, withText.length - 5), 2),
                average(expectedPixels(png), 33, 17, 2, true), "tEXt cut short");
    }

    @Test
    void reportsACrcMismatchNamingTheChunk() {
        TestPng png = image(2, 8, false, 33, 17, 1);
        png.chunksBeforeImageData.add(TestPng.chunk("tEXt", "Title\0t".getBytes()));
        byte[] file = png.write();
        for (String type : new String[] {"IHDR", "tEXt", "IDAT"}) {
            byte[] bad = file.clone();
            int pos = TestPng.find(bad, type);
            bad[pos + 8 + TestPng.chunkLength(bad, pos) + 3] ^= 1;
            assertBad(bad, BadImageData.Kind.CORRUPT, "chunk " + type + " CRC mismatch");
        }
    }

    @Test
    void reportsCorruptZlibData() {
        TestPng badHeader = image(2, 8, false, 33, 17, 1);
        badHeader.zlibTransform = z -> {
            z[1] ^= 1;
            return z;
        };
        assertBad(badHeader.write(), BadImageData.Kind.CORRUPT,
                "zlib data is corrupt: incorrect header check (in row 1 of 17)");
        TestPng badBlock = image(2, 8, false, 33, 17, 1);
        badBlock.zlibTransform = z -> {
            // BFINAL 1, BTYPE 11: a block type deflate does not define.
            z[2] = (byte) 0x07;
            return z;
        };
        assertBad(badBlock.write(), BadImageData.Kind.CORRUPT, "zlib data is corrupt: invalid block type");
    }

    @Test
    void reportsAZlibStreamThatEndsBeforeTheLastRowAsTruncated() {
        TestPng png = image(2, 8, false, 33, 17, 1);
        png.rowLimit = 5;
        assertBad(png.write(), BadImageData.Kind.TRUNCATED,
                "the zlib stream ends in row 6 of 17: too little image data");
        TestPng interlaced = image(2, 8, false, 33, 17, 1);
        interlaced.interlaced = true;
        interlaced.rowLimit = 5;
        // Passes 1 and 2 have 3 rows each (y = 0, 8, 16).
        assertBad(interlaced.write(), BadImageData.Kind.TRUNCATED,
                "the zlib stream ends in row 3 of 3 of Adam7 pass 2: too little image data");
    }

    @Test
    void reportsIdatChunksThatEndBeforeTheZlibStreamDoesAsTruncated() {
        TestPng png = image(2, 8, false, 33, 17, 1);
        png.zlibTransform = z -> Arrays.copyOf(z, z.length / 2);
        assertBad(png.write(), BadImageData.Kind.TRUNCATED, ": chunk IEND follows the last IDAT chunk");
        png.iend = false;
        assertBad(png.write(), BadImageData.Kind.TRUNCATED, ", after an IDAT chunk");
    }

    @Test
    void rejectsAPaletteIndexOutsideThePalette() {
        TestPng png = new TestPng(7, 3, 3, 8, (x, y, c) -> x == 5 && y == 2 ? 10 : (x + y) % 4);
        png.palette = new byte[12];
        assertBad(png.write(), BadImageData.Kind.CORRUPT,
                "palette index 10 at pixel 6 of row 3 of 3 is out of range: PLTE has 4 entries");
    }

    @Test
    void rejectsAPaletteImageWithoutPlte() {
        TestPng png = new TestPng(7, 3, 3, 8, (x, y, c) -> 0);
        assertBad(png.write(), BadImageData.Kind.CORRUPT,
                "color type 3 (palette) needs a PLTE chunk before IDAT, and there is none");
    }

    @Test
    void rejectsAMalformedOrSecondPlteInAPaletteImage() {
        TestPng shortPalette = image(3, 4, false, 7, 3, 1);
        shortPalette.palette = new byte[47];
        assertBad(shortPalette.write(), BadImageData.Kind.CORRUPT,
                "PLTE is 47 bytes long; it must be a multiple of 3 from 3 to 768");
        TestPng twoPalettes = image(3, 4, false, 7, 3, 1);
        twoPalettes.chunksBeforeImageData.add(TestPng.chunk("PLTE", new byte[48]));
        assertBad(twoPalettes.write(), BadImageData.Kind.CORRUPT, "a second PLTE chunk");
        TestPng noImageData = image(3, 4, false, 7, 3, 1);
        noImageData.chunksBeforeImageData.add(TestPng.chunk("IEND", new byte[0]));
        assertBad(noImageData.write(), BadImageData.Kind.CORRUPT, "IEND comes before any IDAT chunk");
    }

    @Test
    void ignoresWhatLibpngIgnoresAPlteOnAGrayImageAndAMalformedTrns() {
        TestPng gray = new TestPng(7, 3, 0, 8, (x, y, c) -> x * 30);
        Pixels opaque = average(expectedPixels(gray), 7, 3, 1, false);
        gray.palette = new byte[5];
        // Six bytes is an RGB key; as a gray key, its first two (0) would make column 0 transparent.
        gray.transparency = new byte[6];
        assertSamePixels(decode(gray.write(), 1), opaque, "gray with PLTE and 6-byte tRNS");
        TestPng rgba = image(6, 8, false, 7, 3, 1);
        Pixels expected = average(expectedPixels(rgba), 7, 3, 1, true);
        rgba.transparency = new byte[6];
        assertSamePixels(decode(rgba.write(), 1), expected, "RGBA with tRNS");
    }

    @Test
    void rejectsHeadersPngDoesNotAllow() {
        TestPng depth3 = new TestPng(7, 3, 2, 8, (x, y, c) -> 0);
        depth3.ihdrBitDepth = 3;
        assertBad(depth3.write(), BadImageData.Kind.CORRUPT, "IHDR gives bit depth 3 for color type 2");
        TestPng rgba4 = new TestPng(7, 3, 6, 8, (x, y, c) -> 0);
        rgba4.ihdrBitDepth = 4;
        assertBad(rgba4.write(), BadImageData.Kind.CORRUPT, "IHDR gives bit depth 4 for color type 6");
        TestPng palette16 = new TestPng(7, 3, 3, 8, (x, y, c) -> 0);
        palette16.ihdrBitDepth = 16;
        assertBad(palette16.write(), BadImageData.Kind.CORRUPT, "IHDR gives bit depth 16 for color type 3");
        assertBad(new TestPng(7, 3, 5, 8, (x, y, c) -> 0).write(), BadImageData.Kind.CORRUPT,
                "IHDR gives color type 5; PNG defines 0, 2, 3, 4 and 6");
        TestPng zeroWide = new TestPng(7, 3, 2, 8, (x, y, c) -> 0);
        zeroWide.ihdrWidth = 0;
        assertBad(zeroWide.write(), BadImageData.Kind.CORRUPT, "IHDR gives width 0");
        TestPng tooWide = new TestPng(7, 3, 2, 8, (x, y, c) -> 0);
        tooWide.ihdrWidth = 1L << 31;
        assertBad(tooWide.write(), BadImageData.Kind.CORRUPT,
                "IHDR gives width 2147483648, more than PNG allows (2^31-1)");
    }

    @Test
    void rejectsAnUnknownCriticalChunkAsUnsupported() {
        TestPng png = image(2, 8, false, 7, 3, 1);
        png.chunksBeforeImageData.add(TestPng.chunk("QXYZ", new byte[4]));
        assertBad(png.write(), BadImageData.Kind.UNSUPPORTED,
                "unknown critical chunk QXYZ: PNG forbids decoding an image that has one");
    }

    @Test
    void rejectsAnUndefinedFilterType() {
        TestPng png = image(2, 8, false, 7, 3, 1);
        png.filter = 5;
        assertBad(png.write(), BadImageData.Kind.CORRUPT, "filter type 5 in row 1 of 3; PNG defines 0 to 4");
    }

    @Test
    void reportsARowTooLongForAJavaArrayAsTooLarge() {
        TestPng png = new TestPng(7, 3, 6, 16, (x, y, c) -> 0);
        png.ihdrWidth = Integer.MAX_VALUE;
        assertBad(png.write(), BadImageData.Kind.TOO_LARGE,
                "a row of 2147483647 pixels at 64 bits is 17179869176 bytes, more than a Java array holds");
    }

    @Test
    void wrapsAFailingStreamInUncheckedIoExceptionAndLetsTheStreamsOwnBadImageDataThrough() {
        byte[] file = image(2, 8, false, 33, 17, 1).write();
        IOException network = new IOException("connection reset");
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(file, 0, 100)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw network;
                }
                return n;
            }
        };
        UncheckedIOException thrown = catchThrowableOfType(UncheckedIOException.class,
                () -> new PngDecoder(failing).decode(2));
        assertThat(thrown).hasCause(network);

        BadImageData limit = new BadImageData(BadImageData.Kind.TOO_LARGE, "over the byte limit");
        InputStream limited = new FilterInputStream(new ByteArrayInputStream(file, 0, 100)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw limit;
                }
                return n;
            }
        };
        assertThatThrownBy(() -> new PngDecoder(limited).decode(2)).isSameAs(limit);
    }

    // ---- header and memory ----

    @Test
    void readHeaderReadsTheSignatureAndIhdrAndNotAByteMore() {
        TestPng png = image(4, 16, false, 33, 17, 1);
        png.interlaced = true;
        CountingStream in = new CountingStream(png.write());
        PngDecoder decoder = new PngDecoder(in);
        PngDecoder.Header header = decoder.readHeader();
        assertThat(in.count).isEqualTo(8 + 8 + 13 + 4);
        assertThat(decoder.readHeader()).isSameAs(header);
        assertThat(in.count).isEqualTo(33);
        assertThat(header.width()).isEqualTo(33);
        assertThat(header.height()).isEqualTo(17);
        assertThat(header.bitDepth()).isEqualTo(16);
        assertThat(header.colorType()).isEqualTo(4);
        assertThat(header.interlaced()).isTrue();
    }

    @Test
    void decodesA12MegapixelRgbaPngAtOneEighthWithoutAnyFullSizeBuffer() {
        int width = 4000;
        int height = 3000;
        IntBinaryOperator pixel = (x, y) -> {
            int alpha = x < 800 && y < 800 ? 0 : ((x / 64 + y / 64) & 1) == 0 ? 255 : (x * y) & 0xFF;
            return alpha << 24 | (x & 0xFF) << 16 | (y & 0xFF) << 8 | ((x ^ y) & 0xFF);
        };
        TestPng png = new TestPng(width, height, 6, 8, (x, y, c) -> pixel.applyAsInt(x, y) >>> (c == 3 ? 24
                : 16 - 8 * c) & 0xFF);
        png.deflateLevel = 1;
        png.filter = 1;
        byte[] file = png.write();

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                ManagementFactory.getThreadMXBean();
        PngDecoder decoder = new PngDecoder(new ByteArrayInputStream(file));
        long before = threads.getCurrentThreadAllocatedBytes();
        Pixels decoded = decoder.decode(8);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(decoded.width()).isEqualTo(500);
        assertThat(decoded.height()).isEqualTo(375);
        assertSamePixels(decoded, average(pixel, width, height, 8, true), "4000x3000 at 1/8");
        assertThat(decoder.largestBufferBytes()).isLessThan((long) width * height);
        assertThat(decoder.peakBufferBytes()).isEqualTo(documentedBound(decoder, 8, false));
        // Measured by the JVM, so it counts whatever the decoder allocates, not only what it reports.
        assertThat(allocated).as("bytes allocated by decode(8)").isLessThan(2L * 1024 * 1024)
                .isLessThan((long) width * height);
    }

    @ParameterizedTest(name = "color type {0}, {1}-bit, interlaced {2}, 1/{3}")
    @MethodSource("boundCases")
    void holdsExactlyTheBuffersTheClassJavadocPromises(int colorType, int depth, boolean interlaced, int s) {
        TestPng png = image(colorType, depth, false, 401, 299, 1);
        png.interlaced = interlaced;
        PngDecoder decoder = new PngDecoder(new ByteArrayInputStream(png.write()));
        decoder.decode(s);
        assertThat(decoder.peakBufferBytes()).isEqualTo(documentedBound(decoder, s, interlaced));
    }

    static Stream<Arguments> boundCases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (int[] format : new int[][] {{6, 8}, {2, 8}, {0, 16}, {3, 4}, {4, 8}}) {
            for (boolean interlaced : new boolean[] {false, true}) {
                for (int s : new int[] {1, 2, 8, 200}) {
                    b.add(Arguments.of(format[0], format[1], interlaced, s));
                }
            }
        }
        return b.build();
    }

    /** The class Javadoc's memory formula. */
    private static long documentedBound(PngDecoder decoder, int s, boolean interlaced) {
        PngDecoder.Header h = decoder.readHeader();
        long w = h.width();
        long rowBytes = (w * TestPng.channels(h.colorType()) * h.bitDepth() + 7) / 8;
        long ow = (w + s - 1) / s;
        long oh = (h.height() + s - 1) / s;
        boolean alpha = h.colorType() == 4 || h.colorType() == 6;
        boolean asStored = h.bitDepth() == 8 && (h.colorType() == 6 || h.colorType() == 2);
        long bytes = 2 * (rowBytes + 1) + (asStored ? 0 : (alpha ? 4 : 3) * w) + 4 * ow * oh + 64 * 1024;
        if (s > 1) {
            bytes += interlaced ? ow * oh * (alpha ? 4 : 3) * (s > 181 ? 8 : 4) : 32 * ow;
        }
        if (h.colorType() == 3) {
            bytes += 256 * 4;
        }
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void rejectsASubsamplingBelowOne(int s) {
        PngDecoder decoder = new PngDecoder(new ByteArrayInputStream(image(2, 8, false, 7, 3, 1).write()));
        assertThatThrownBy(() -> decoder.decode(s)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers ----

    /**
     * An image with random samples; alpha channels get a transparent top-left quarter and scattered 0 and
     * maximum values; tRNS keys are planted on every fifth pixel so that some pixels match them.
     */
    static TestPng image(int colorType, int depth, boolean trns, int width, int height, long seed) {
        int channels = TestPng.channels(colorType);
        int max = (1 << depth) - 1;
        int paletteSize = colorType != 3 ? 0 : depth == 8 ? 200 : 1 << depth;
        Random random = new Random(seed * 7919);
        TestPng.Samples base = TestPng.random(width, height, channels, depth,
                colorType == 3 ? paletteSize - 1 : max, seed);
        boolean alphaChannel = colorType == 4 || colorType == 6;
        int[] key = null;
        if (trns && (colorType == 0 || colorType == 2)) {
            key = new int[channels];
            for (int c = 0; c < channels; c++) {
                key[c] = random.nextInt(max + 1);
            }
        }
        int[] plantedKey = key;
        TestPng.Samples samples = (x, y, c) -> {
            if (alphaChannel && c == channels - 1) {
                if (x < width / 2 && y < height / 2 || (x + y) % 7 == 0) {
                    return 0;
                }
                if ((x * y) % 5 == 0) {
                    return max;
                }
            }
            if (plantedKey != null && (x * 3 + y) % 5 == 0) {
                return plantedKey[c];
            }
            return base.at(x, y, c);
        };
        TestPng png = new TestPng(width, height, colorType, depth, samples);
        if (colorType == 3) {
            png.palette = new byte[paletteSize * 3];
            random.nextBytes(png.palette);
            if (trns) {
                png.transparency = new byte[Math.max(1, paletteSize / 2)];
                random.nextBytes(png.transparency);
                png.transparency[0] = 0;
            }
        } else if (key != null) {
            png.transparency = new byte[2 * channels];
            for (int c = 0; c < channels; c++) {
                png.transparency[2 * c] = (byte) (key[c] >> 8);
                png.transparency[2 * c + 1] = (byte) key[c];
            }
        }
        return png;
    }

    /** What the PNG specification says each pixel is, in 8-bit ARGB, worked out from the stored samples. */
    static int[] expectedPixels(TestPng png) {
        int[] out = new int[png.width * png.height];
        for (int y = 0; y < png.height; y++) {
            for (int x = 0; x < png.width; x++) {
                out[y * png.width + x] = expectedPixel(png, x, y);
            }
        }
        return out;
    }

    private static int expectedPixel(TestPng png, int x, int y) {
        int d = png.bitDepth;
        int[] v = new int[png.channels()];
        for (int c = 0; c < v.length; c++) {
            v[c] = png.samples.at(x, y, c);
        }
        byte[] t = png.transparency;
        int r;
        int g;
        int b;
        int a = 255;
        switch (png.colorType) {
            case 0 -> {
                r = g = b = to8(v[0], d);
                if (t != null && v[0] == ((t[0] & 0xFF) << 8 | (t[1] & 0xFF))) {
                    a = 0;
                }
            }
            case 2 -> {
                r = to8(v[0], d);
                g = to8(v[1], d);
                b = to8(v[2], d);
                if (t != null && v[0] == ((t[0] & 0xFF) << 8 | (t[1] & 0xFF))
                        && v[1] == ((t[2] & 0xFF) << 8 | (t[3] & 0xFF))
                        && v[2] == ((t[4] & 0xFF) << 8 | (t[5] & 0xFF))) {
                    a = 0;
                }
            }
            case 3 -> {
                r = png.palette[3 * v[0]] & 0xFF;
                g = png.palette[3 * v[0] + 1] & 0xFF;
                b = png.palette[3 * v[0] + 2] & 0xFF;
                if (t != null && v[0] < t.length) {
                    a = t[v[0]] & 0xFF;
                }
            }
            case 4 -> {
                r = g = b = to8(v[0], d);
                a = to8(v[1], d);
            }
            default -> {
                r = to8(v[0], d);
                g = to8(v[1], d);
                b = to8(v[2], d);
                a = to8(v[3], d);
            }
        }
        return a << 24 | r << 16 | g << 8 | b;
    }

    private static int to8(int sample, int depth) {
        return depth == 16 ? (int) Math.round(sample * 255 / 65535.0) : sample * 255 / ((1 << depth) - 1);
    }

    static Pixels average(int[] full, int width, int height, int s, boolean alpha) {
        return average((x, y) -> full[y * width + x], width, height, s, alpha);
    }

    /**
     * Each {@code s × s} cell averaged in premultiplied alpha, written cell by cell (the decoder works row by
     * row), with the rounding {@link ImageIoCodec#boxAverage} uses; at 1/1 the pixels as they are.
     */
    static Pixels average(IntBinaryOperator pixel, int width, int height, int s, boolean alpha) {
        int ow = (width + s - 1) / s;
        int oh = (height + s - 1) / s;
        int[] out = new int[ow * oh];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                if (s == 1) {
                    out[oy * ow + ox] = pixel.applyAsInt(ox, oy);
                    continue;
                }
                long r = 0;
                long g = 0;
                long b = 0;
                long a = 0;
                long n = 0;
                for (int y = oy * s; y < Math.min(height, oy * s + s); y++) {
                    for (int x = ox * s; x < Math.min(width, ox * s + s); x++) {
                        int p = pixel.applyAsInt(x, y);
                        int pa = p >>> 24;
                        r += (p >> 16 & 0xFF) * pa;
                        g += (p >> 8 & 0xFF) * pa;
                        b += (p & 0xFF) * pa;
                        a += pa;
                        n++;
                    }
                }
                if (a > 0) {
                    out[oy * ow + ox] = (int) ((a + n / 2) / n) << 24 | (int) ((r + a / 2) / a) << 16
                            | (int) ((g + a / 2) / a) << 8 | (int) ((b + a / 2) / a);
                }
            }
        }
        return new Pixels(out, ow, oh, alpha);
    }

    private static void assertSameAsImageIo(byte[] file) {
        BufferedImage reference = TestImages.read(file);
        int w = reference.getWidth();
        int h = reference.getHeight();
        Pixels whole = decode(file, 1);
        assertSamePixels(whole, new Pixels(reference.getRGB(0, 0, w, h, null, 0, w), w, h,
                reference.getColorModel().hasAlpha()), "ImageIO at 1/1");
        for (int s : new int[] {2, 3, 8}) {
            assertSamePixels(decode(file, s), ImageIoCodec.boxAverage(reference, s), "ImageIO at 1/" + s);
        }
    }

    static Pixels decode(byte[] file, int subsampling) {
        return new PngDecoder(new ByteArrayInputStream(file)).decode(subsampling);
    }

    private static void assertSamePixels(Pixels actual, Pixels expected, String what) {
        assertThat(actual.width()).as(what + ": width").isEqualTo(expected.width());
        assertThat(actual.height()).as(what + ": height").isEqualTo(expected.height());
        assertThat(actual.hasAlpha()).as(what + ": hasAlpha").isEqualTo(expected.hasAlpha());
        int[] a = actual.argb();
        int[] e = expected.argb();
        for (int i = 0; i < e.length; i++) {
            if (a[i] != e[i]) {
                throw new AssertionError(String.format("%s: pixel (%d, %d) is %08X, expected %08X", what,
                        i % expected.width(), i / expected.width(), a[i], e[i]));
            }
        }
    }

    private static void assertBad(byte[] file, BadImageData.Kind kind, String message) {
        BadImageData thrown = catchThrowableOfType(BadImageData.class, () -> decode(file, 2));
        assertThat(thrown).as("BadImageData for " + message).isNotNull();
        assertThat(thrown.getMessage()).contains(message);
        assertThat(thrown.kind()).as(thrown.getMessage()).isEqualTo(kind);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static final class CountingStream extends InputStream {
        private final byte[] data;
        int count;

        CountingStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return count < data.length ? data[count++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (count >= data.length) {
                return -1;
            }
            int n = Math.min(len, data.length - count);
            System.arraycopy(data, count, b, off, n);
            count += n;
            return n;
        }
    }
}

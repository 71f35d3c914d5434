/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.thumbnails.TestImages;
import io.serverless4j.thumbnails.TestImages.JpegOptions;
import java.awt.image.BufferedImage;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JpegDecoderTest {

    static Stream<Arguments> variants() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (boolean progressive : new boolean[] {false, true}) {
            for (int[] sampling : new int[][] {{2, 2}, {2, 1}, {1, 1}}) {
                for (int restart : new int[] {0, 7}) {
                    for (int scaleLog2 = 0; scaleLog2 <= 3; scaleLog2++) {
                        b.add(Arguments.of(new JpegOptions(progressive, sampling[0], sampling[1], restart, 0.92f),
                                scaleLog2));
                    }
                }
            }
        }
        return b.build();
    }

    /** Odd sizes, so partial MCUs at the right and bottom edges are exercised. */
    @ParameterizedTest(name = "{0} at 1/{1}")
    @MethodSource("variants")
    void decodesAtEveryScaleCloseToAFullDecodeAveragedDown(JpegOptions options, int scaleLog2) {
        BufferedImage source = TestImages.scene(517, 389, 7);
        byte[] jpeg = TestImages.jpeg(source, options);
        assertThat(hasMarker(jpeg, 0xC2)).as("progressive SOF2").isEqualTo(options.progressive());
        assertThat(hasMarker(jpeg, 0xDD)).as("DRI").isEqualTo(options.restartInterval() > 0);
        Pixels decoded = new JpegDecoder(jpeg).decode(scaleLog2);
        int scale = 1 << scaleLog2;
        assertThat(decoded.width()).isEqualTo((517 + scale - 1) / scale);
        assertThat(decoded.height()).isEqualTo((389 + scale - 1) / scale);
        BufferedImage reference = TestImages.areaAverage(TestImages.read(jpeg), decoded.width(), decoded.height());
        BufferedImage ours = toImage(decoded);
        double mae = TestImages.meanAbsoluteError(ours, reference);
        System.out.printf("%s 1/%d MAE %.2f PSNR %.1f%n", options, scale, mae, TestImages.psnr(ours, reference));
        assertThat(mae).isLessThan(scaleLog2 == 0 ? 0.5 : 3.5);
    }

    /**
     * Each scale has its own entropy-decoding loop (1/8 skips AC coefficients through a table of their total
     * lengths); each must notice bits that form no Huffman code.
     */
    @ParameterizedTest(name = "progressive={0} at 1/{1}")
    @org.junit.jupiter.params.provider.CsvSource({"false,1", "false,2", "false,4", "false,8", "true,1", "true,8"})
    void corruptEntropyDataIsCorruptAtEveryScale(boolean progressive, int scale) {
        byte[] jpeg = TestImages.jpeg(TestImages.noise(320, 240, 4), new JpegOptions(progressive, 2, 2, 0, 0.9f));
        int sos = 2;
        while (!((jpeg[sos] & 0xFF) == 0xFF && (jpeg[sos + 1] & 0xFF) == 0xDA)) {
            sos++;
        }
        // Baseline: a third into the data. Progressive: inside the first (DC) scan, which every scale reads (at 1/8
        // the AC scans are skipped unread, so damage there cannot matter to the 1/8 image).
        int firstScanData = sos + 2 + ((jpeg[sos + 2] & 0xFF) << 8 | (jpeg[sos + 3] & 0xFF));
        int middle = progressive ? firstScanData + 16 : sos + (jpeg.length - sos) / 3;
        for (int i = 0; i < 64; i += 2) {
            jpeg[middle + i] = (byte) 0xFF; // a run of 1-bits, stuffed: no code in any JPEG Huffman table
            jpeg[middle + i + 1] = 0;
        }
        assertThatThrownBy(() -> new JpegDecoder(jpeg).decode(Integer.numberOfTrailingZeros(scale)))
                .isInstanceOfSatisfying(BadImageData.class,
                        e -> assertThat(e.kind()).isEqualTo(BadImageData.Kind.CORRUPT))
                .hasMessageContaining("corrupt Huffman data");
    }

    /** Whether a marker segment with this code appears before the first scan's data. */
    static boolean hasMarker(byte[] jpeg, int code) {
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == code) {
                return true;
            }
            if (marker == 0xDA) {
                return false;
            }
            pos += 2 + (((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF));
        }
        return false;
    }

    static BufferedImage toImage(Pixels p) {
        BufferedImage image = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, p.width(), p.height(), p.argb(), 0, p.width());
        return image;
    }
}

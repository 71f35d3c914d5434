/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.serverless4j.thumbnails.TestImages.JpegOptions;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThumbnailerTest {

    private static final ThumbnailSpec JPEG_256 = ThumbnailSpec.builder().box(256, 256).quality(0.95f).build();
    private static final ThumbnailSpec PNG_64 = ThumbnailSpec.builder().box(64, 64).format(OutputFormat.PNG).build();

    private static Thumbnailer of(ThumbnailSpec... specs) {
        return Thumbnailer.builder().specs(List.of(specs)).build();
    }

    @Test
    void fitsInsideTheBoxKeepingTheAspectRatioAndDecodesAtTheSmallestSufficientScale() {
        byte[] jpeg = TestImages.jpeg(TestImages.scene(2400, 1600, 1), JpegOptions.baseline420());
        ThumbnailSet set = of(JPEG_256).generate(jpeg, "scene.jpg");
        Thumbnail t = set.thumbnails().get(0);
        assertThat(t.width()).isEqualTo(256);
        assertThat(t.height()).isEqualTo(171);
        assertThat(t.contentType()).isEqualTo("image/jpeg");
        // 2400/8 = 300 >= 256 but < 2 x 256; 2400/4 = 600 >= 512: quarter scale.
        assertThat(set.decodeScale()).isEqualTo(4);
        BufferedImage written = TestImages.read(t.bytes());
        assertThat(written.getWidth()).isEqualTo(256);
        assertThat(written.getHeight()).isEqualTo(171);
    }

    @Test
    void makesSeveralSizesFromOneDecodeAtTheScaleTheLargestNeeds() {
        byte[] jpeg = TestImages.jpeg(TestImages.scene(4000, 3000, 2), JpegOptions.baseline420());
        ThumbnailSpec small = ThumbnailSpec.builder().box(100, 100).build();
        ThumbnailSpec large = ThumbnailSpec.builder().box(1000, 1000).build();
        ThumbnailSet set = of(small, large).generate(jpeg, "big.jpg");
        assertThat(set.thumbnails()).extracting(Thumbnail::width).containsExactly(100, 1000);
        assertThat(set.thumbnails()).extracting(Thumbnail::height).containsExactly(75, 750);
        assertThat(set.decodeScale()).isEqualTo(2);
        assertThat(of(small).generate(jpeg, "big.jpg").decodeScale()).isEqualTo(8);
    }

    @Test
    void coverFillsTheBoxAndCropsAroundTheCentre() {
        // Left third red, middle third green, right third blue: a centre crop to a square keeps mostly green.
        BufferedImage stripes = new BufferedImage(900, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = stripes.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 300, 300);
        g.setColor(Color.GREEN);
        g.fillRect(300, 0, 300, 300);
        g.setColor(Color.BLUE);
        g.fillRect(600, 0, 300, 300);
        g.dispose();
        ThumbnailSpec cover = ThumbnailSpec.builder().box(100, 100).fit(FitMode.COVER).format(OutputFormat.PNG)
                .build();
        ThumbnailSpec exact = ThumbnailSpec.builder().box(90, 90).fit(FitMode.EXACT).format(OutputFormat.PNG).build();
        ThumbnailSet set = of(cover, exact).generate(TestImages.png(stripes), "stripes.png");
        BufferedImage covered = TestImages.read(set.thumbnails().get(0).bytes());
        assertThat(covered.getWidth()).isEqualTo(100);
        assertThat(covered.getHeight()).isEqualTo(100);
        assertThat(covered.getRGB(5, 50) & 0xFFFFFF).isEqualTo(0x00FF00);
        assertThat(covered.getRGB(94, 50) & 0xFFFFFF).isEqualTo(0x00FF00);
        BufferedImage stretched = TestImages.read(set.thumbnails().get(1).bytes());
        assertThat(stretched.getWidth()).isEqualTo(90);
        assertThat(stretched.getHeight()).isEqualTo(90);
        assertThat(stretched.getRGB(5, 45) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(stretched.getRGB(45, 45) & 0xFFFFFF).isEqualTo(0x00FF00);
        assertThat(stretched.getRGB(85, 45) & 0xFFFFFF).isEqualTo(0x0000FF);
    }

    @Test
    void neverEnlargesASmallImageToFitInside() {
        byte[] png = TestImages.png(TestImages.scene(40, 30, 3));
        Thumbnail t = of(JPEG_256).generate(png, "tiny.png").thumbnails().get(0);
        assertThat(t.width()).isEqualTo(40);
        assertThat(t.height()).isEqualTo(30);
    }

    /**
     * Each orientation stores the upright quadrant image transformed by the inverse; the thumbnail must come out
     * upright: red top-left, green top-right, blue bottom-left, white bottom-right, and landscape 2:1.
     */
    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void appliesEveryExifOrientation(int orientation) {
        BufferedImage upright = TestImages.quadrants(800, 400);
        BufferedImage stored = storedFor(upright, orientation);
        byte[] jpeg = TestImages.withOrientation(TestImages.jpeg(stored, JpegOptions.baseline420()), orientation,
                orientation % 2 == 0);
        ThumbnailSet set = of(PNG_64.toBuilder().box(200, 200).build()).generate(jpeg, "o.jpg");
        assertThat(set.source().orientation()).isEqualTo(orientation);
        BufferedImage t = TestImages.read(set.thumbnails().get(0).bytes());
        assertThat(t.getWidth()).isEqualTo(200);
        assertThat(t.getHeight()).isEqualTo(100);
        assertColor(t.getRGB(30, 20), 0xFF0000);
        assertColor(t.getRGB(170, 20), 0x00FF00);
        assertColor(t.getRGB(30, 80), 0x0000FF);
        assertColor(t.getRGB(170, 80), 0xFFFFFF);
    }

    /** The stored image that displays as {@code upright} under {@code orientation} (the inverse transform). */
    static BufferedImage storedFor(BufferedImage upright, int orientation) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        boolean swap = orientation >= 5;
        int sw = swap ? h : w;
        int sh = swap ? w : h;
        BufferedImage stored = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 1 -> { sx = x; sy = y; }
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = sh - 1 - x; }
                    case 7 -> { sx = sw - 1 - y; sy = sh - 1 - x; }
                    default -> { sx = sw - 1 - y; sy = x; }
                }
                stored.setRGB(sx, sy, upright.getRGB(x, y));
            }
        }
        return stored;
    }

    private static void assertColor(int argb, int expectedRgb) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertThat(Math.abs(((argb >> shift) & 0xFF) - ((expectedRgb >> shift) & 0xFF)))
                    .as("channel at bit %d of %06X vs %06X", shift, argb & 0xFFFFFF, expectedRgb)
                    .isLessThan(40);
        }
    }

    @ParameterizedTest(name = "progressive={0}")
    @ValueSource(booleans = {false, true})
    void matchesAFullDecodeAreaAveragedDownOnAScene(boolean progressive) {
        BufferedImage source = TestImages.scene(3000, 2000, 4);
        byte[] jpeg = TestImages.jpeg(source, new JpegOptions(progressive, 2, 2, 0, 0.92f));
        Thumbnail t = of(PNG_64.toBuilder().box(300, 300).build()).generate(jpeg, "scene.jpg").thumbnails().get(0);
        BufferedImage ours = TestImages.read(t.bytes());
        BufferedImage reference = TestImages.areaAverage(TestImages.read(jpeg), 300, 200);
        assertThat(TestImages.meanAbsoluteError(ours, reference)).isLessThan(3.0);
        assertThat(TestImages.psnr(ours, reference)).isGreaterThan(30.0);
    }

    @Test
    void averagesNoiseInsteadOfAliasingIt() {
        // Noise averaged over 8x8 cells has a small spread around 128; dropping pixels would keep the full spread.
        BufferedImage source = TestImages.noise(2048, 2048, 5);
        byte[] png = TestImages.png(source);
        Thumbnail t = of(PNG_64.toBuilder().box(128, 128).build()).generate(png, "noise.png").thumbnails().get(0);
        BufferedImage ours = TestImages.read(t.bytes());
        BufferedImage reference = TestImages.areaAverage(source, 128, 128);
        assertThat(TestImages.meanAbsoluteError(ours, reference)).isLessThan(12.0);
        assertThat(standardDeviation(ours)).isLessThan(30.0);
    }

    private static double standardDeviation(BufferedImage image) {
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int g = (image.getRGB(x, y) >> 8) & 0xFF;
                sum += g;
                sumSq += g * (double) g;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(sumSq / n - mean * mean);
    }

    @Test
    void keepsAlphaInPngWithoutBleedingTheColorOfTransparentPixels() {
        // Left half opaque blue, right half fully transparent *red*: the red must not tint the edge.
        BufferedImage source = new BufferedImage(400, 200, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 400; x++) {
                source.setRGB(x, y, x < 200 ? 0xFF0000FF : 0x00FF0000);
            }
        }
        Thumbnail t = of(PNG_64.toBuilder().box(100, 100).build()).generate(TestImages.png(source), "a.png")
                .thumbnails().get(0);
        BufferedImage out = TestImages.read(t.bytes());
        assertThat(out.getColorModel().hasAlpha()).isTrue();
        assertThat(out.getRGB(10, 25) >>> 24).isEqualTo(255);
        assertThat(out.getRGB(90, 25) >>> 24).isEqualTo(0);
        for (int x = 40; x < 60; x++) {
            int p = out.getRGB(x, 25);
            if ((p >>> 24) > 0) {
                assertThat((p >> 16) & 0xFF).as("red at x=%d", x).isLessThan(10);
            }
        }
        // As JPEG, transparency is laid over white.
        Thumbnail jpeg = of(JPEG_256.toBuilder().box(100, 100).build()).generate(TestImages.png(source), "a.png")
                .thumbnails().get(0);
        assertColor(TestImages.read(jpeg.bytes()).getRGB(90, 25), 0xFFFFFF);
    }

    @Test
    void readsSixteenBitPalettedGrayscaleGifAndBmpInputs() throws IOException {
        BufferedImage scene = TestImages.scene(300, 200, 6);
        BufferedImage sixteen = new BufferedImage(300, 200, BufferedImage.TYPE_USHORT_GRAY);
        sixteen.getGraphics().drawImage(scene, 0, 0, null);
        byte[] r = new byte[256];
        byte[] gg = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            r[i] = (byte) i;
            gg[i] = (byte) (255 - i);
            b[i] = (byte) (i / 2);
        }
        BufferedImage paletted = new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, r, gg, b));
        paletted.getGraphics().drawImage(scene, 0, 0, null);
        BufferedImage gray = new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY);
        gray.getGraphics().drawImage(scene, 0, 0, null);
        Thumbnailer thumbnailer = of(PNG_64);
        assertSize(thumbnailer.generate(TestImages.png(sixteen), "16.png"), ImageFormat.PNG);
        assertSize(thumbnailer.generate(TestImages.png(paletted), "p.png"), ImageFormat.PNG);
        assertSize(thumbnailer.generate(TestImages.encode(scene, "gif"), "s.gif"), ImageFormat.GIF);
        assertSize(thumbnailer.generate(TestImages.encode(scene, "bmp"), "s.bmp"), ImageFormat.BMP);
        ThumbnailSet grayJpeg = thumbnailer.generate(TestImages.jpeg(gray, JpegOptions.baseline420()), "g.jpg");
        assertSize(grayJpeg, ImageFormat.JPEG);
        int p = TestImages.read(grayJpeg.thumbnails().get(0).bytes()).getRGB(32, 10);
        assertThat((p >> 16) & 0xFF).isEqualTo(p & 0xFF);
    }

    private static void assertSize(ThumbnailSet set, ImageFormat format) {
        assertThat(set.source().format()).isEqualTo(format);
        Thumbnail t = set.thumbnails().get(0);
        assertThat(t.width()).isEqualTo(64);
        assertThat(t.height()).isEqualTo(43);
        BufferedImage decoded = TestImages.read(t.bytes());
        assertThat(decoded.getWidth()).isEqualTo(64);
    }

    @Test
    void largePngsAreAveragedDownAsTheyStreamAndStayAccurate() {
        // 5000 x 4000 = 20 MP: averaged down a row at a time, never held at full size.
        BufferedImage source = TestImages.scene(5000, 4000, 8);
        byte[] png = TestImages.png(source);
        ThumbnailSet set = of(PNG_64.toBuilder().box(250, 250).build()).generate(png, "big.png");
        assertThat(set.decodeScale()).isEqualTo(10);
        BufferedImage ours = TestImages.read(set.thumbnails().get(0).bytes());
        assertThat(ours.getWidth()).isEqualTo(250);
        assertThat(ours.getHeight()).isEqualTo(200);
        assertThat(TestImages.meanAbsoluteError(ours, TestImages.areaAverage(source, 250, 200))).isLessThan(3.0);
    }

    @ParameterizedTest(name = "YCCK={0}")
    @ValueSource(booleans = {false, true})
    void convertsAdobeCmykAndYcckWithoutAProfileNaively(boolean ycck) {
        int w = 320;
        int h = 240;
        byte[] ink = new byte[w * h * 4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 4;
                boolean left = x < w / 2;
                ink[i] = (byte) (left ? 255 : 0); // cyan on the left
                ink[i + 1] = 0;
                ink[i + 2] = (byte) (left ? 0 : 255); // yellow on the right
                ink[i + 3] = (byte) (y < h / 2 ? 0 : 128); // half black at the bottom
            }
        }
        byte[] jpeg = TestImages.cmykJpeg(ink, w, h, ycck);
        BufferedImage t = TestImages.read(of(PNG_64.toBuilder().box(160, 120).build()).generate(jpeg, "cmyk.jpg")
                .thumbnails().get(0).bytes());
        assertColor(t.getRGB(20, 20), 0x00FFFF);
        assertColor(t.getRGB(140, 20), 0xFFFF00);
        assertColor(t.getRGB(20, 100), 0x007F7F);
        assertColor(t.getRGB(140, 100), 0x7F7F00);
    }

    @Test
    void convertsCmykThroughAnEmbeddedProfileWhenOneIsPresent() throws IOException {
        // Needs a CMYK ICC profile; the JDK has none, and we commit none. Ghostscript's, where installed.
        Path profile = Path.of("/usr/share/color/icc/ghostscript/default_cmyk.icc");
        assumeTrue(Files.isReadable(profile), "no CMYK ICC profile on this machine");
        int w = 160;
        int h = 120;
        byte[] ink = new byte[w * h * 4];
        for (int i = 0; i < w * h; i++) {
            ink[i * 4] = (byte) 255; // pure cyan
        }
        byte[] plain = TestImages.cmykJpeg(ink, w, h, false);
        byte[] withProfile = TestImages.withIccProfile(plain, Files.readAllBytes(profile));
        Thumbnailer thumbnailer = of(PNG_64);
        int naive = TestImages.read(thumbnailer.generate(plain, "c.jpg").thumbnails().get(0).bytes()).getRGB(30, 20);
        int managed = TestImages.read(thumbnailer.generate(withProfile, "c.jpg").thumbnails().get(0).bytes())
                .getRGB(30, 20);
        assertColor(naive, 0x00FFFF);
        // A press cyan is far from sRGB's pure cyan: less green and blue, some red would be wrong; mostly cyan.
        assertThat((managed >> 16) & 0xFF).isLessThan(80);
        assertThat(managed & 0xFFFFFF).isNotEqualTo(naive & 0xFFFFFF);
    }

    @Test
    void convertsRgbThroughAnEmbeddedProfileUnlessItIsSrgb() {
        // The JDK ships a linear-RGB profile: stored 128 means half the light, which sRGB encodes as 188.
        BufferedImage gray = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 160; x++) {
                gray.setRGB(x, y, 0x808080);
            }
        }
        byte[] plain = TestImages.jpeg(gray, new JpegOptions(false, 1, 1, 0, 1.0f));
        byte[] linear = TestImages.withIccProfile(plain,
                java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_LINEAR_RGB).getData());
        byte[] srgb = TestImages.withIccProfile(plain,
                java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData());
        Thumbnailer thumbnailer = of(PNG_64);

        int none = TestImages.read(thumbnailer.generate(plain, "g.jpg").thumbnails().get(0).bytes()).getRGB(30, 20);
        int managed = TestImages.read(thumbnailer.generate(linear, "g.jpg").thumbnails().get(0).bytes())
                .getRGB(30, 20);
        int alreadySrgb = TestImages.read(thumbnailer.generate(srgb, "g.jpg").thumbnails().get(0).bytes())
                .getRGB(30, 20);

        for (int shift = 0; shift <= 16; shift += 8) {
            assertThat((none >> shift) & 0xFF).isBetween(126, 130);
            assertThat((alreadySrgb >> shift) & 0xFF).as("an sRGB profile changes nothing").isBetween(126, 130);
            assertThat((managed >> shift) & 0xFF).isBetween(185, 191);
        }
    }
}

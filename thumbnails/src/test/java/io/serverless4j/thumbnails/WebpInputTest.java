/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * WebP input through the optional TwelveMonkeys reader (on this module's test classpath, optional for users).
 * The fixtures were made with libwebp's {@code cwebp} 1.2.4 from generated images: a 640×480 gradient scene at
 * quality 90 (lossy, VP8) and a 320×200 alpha ramp, red above blue ({@code -lossless -exact}, VP8L).
 */
@Isolated("deregisters an ImageIO plug-in for one test")
class WebpInputTest {

    private static final byte[] LOSSY = TestImages.resource("images/scene-640x480-lossy.webp");
    private static final byte[] LOSSLESS_ALPHA = TestImages.resource("images/ramp-320x200-lossless-alpha.webp");

    @Test
    void aLossyWebpBecomesAThumbnailThatMatchesAFullDecodeAveragedDown() {
        Thumbnailer thumbnailer = Thumbnailer.builder().spec(ThumbnailSpec.builder().box(256, 256).build()).build();
        ThumbnailSet set = thumbnailer.generate(LOSSY, "photos/scene.webp");
        assertThat(set.source()).isEqualTo(new ImageInfo(ImageFormat.WEBP, 640, 480, 1));
        assertThat(set.decodeScale()).isEqualTo(1); // 256/640 needs more than half the pixels
        Thumbnail thumb = set.thumbnails().get(0);
        assertThat(thumb.contentType()).isEqualTo("image/jpeg");
        BufferedImage ours = TestImages.read(thumb.bytes());
        assertThat(ours.getWidth()).isEqualTo(256);
        assertThat(ours.getHeight()).isEqualTo(192);
        BufferedImage reference = TestImages.areaAverage(TestImages.read(LOSSY), 256, 192);
        assertThat(TestImages.meanAbsoluteError(ours, reference)).isLessThan(3.0);
    }

    @Test
    void aLosslessWebpKeepsItsAlphaInAPngThumbnail() {
        Thumbnailer thumbnailer = Thumbnailer.builder()
                .spec(ThumbnailSpec.builder().box(64, 64).format(OutputFormat.PNG).build()).build();
        ThumbnailSet set = thumbnailer.generate(LOSSLESS_ALPHA, "logo.webp");
        assertThat(set.decodeScale()).isEqualTo(2);
        BufferedImage png = TestImages.read(set.thumbnails().get(0).bytes());
        assertThat(png.getWidth()).isEqualTo(64);
        assertThat(png.getHeight()).isEqualTo(40);
        assertThat(png.getColorModel().hasAlpha()).isTrue();
        // Alpha ramps from 0 at the left to 255 at the right; the color never bleeds from transparent pixels.
        int left = png.getRGB(1, 5);
        int right = png.getRGB(62, 5);
        assertThat(left >>> 24).isLessThan(20);
        assertThat(right >>> 24).isGreaterThan(235);
        assertThat(right & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(png.getRGB(62, 35) & 0xFFFFFF).isEqualTo(0x0000FF);
        int middle = png.getRGB(32, 5);
        assertThat(middle >>> 24).isBetween(110, 145);
        assertThat(middle & 0xFFFFFF).isEqualTo(0xFF0000);
    }

    @Test
    void aBrokenWebpIsACorruptImageNamingTheObject() {
        byte[] cut = Arrays.copyOf(LOSSY, LOSSY.length / 3);
        Thumbnailer thumbnailer = Thumbnailer.builder().spec(ThumbnailSpec.builder().box(64, 64).build()).build();
        assertThatThrownBy(() -> thumbnailer.generate(cut, "cut.webp"))
                .isInstanceOf(CorruptImageException.class).hasMessageStartingWith("Image cut.webp: ");
        byte[] garbage = "RIFF\0\0\0\0WEBPVP8 garbage, not a frame"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> thumbnailer.generate(garbage, "garbage.webp"))
                .isInstanceOf(CorruptImageException.class).hasMessageStartingWith("Image garbage.webp: ");
    }

    @Test
    void withoutAWebpReaderTheErrorSaysWhichPlugInToAdd() {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        List<ImageReaderSpi> webp = new ArrayList<>();
        Iterator<ImageReaderSpi> it = registry.getServiceProviders(ImageReaderSpi.class, true);
        while (it.hasNext()) {
            ImageReaderSpi spi = it.next();
            if (Arrays.asList(spi.getFormatNames()).contains("webp")) {
                webp.add(spi);
            }
        }
        assertThat(webp).isNotEmpty();
        webp.forEach(spi -> registry.deregisterServiceProvider(spi, ImageReaderSpi.class));
        try {
            Thumbnailer thumbnailer = Thumbnailer.builder().spec(ThumbnailSpec.builder().box(64, 64).build()).build();
            assertThatThrownBy(() -> thumbnailer.generate(LOSSY, "photos/a.webp"))
                    .isInstanceOf(UnsupportedImageFormatException.class)
                    .hasMessageContaining("photos/a.webp")
                    .hasMessageContaining("com.twelvemonkeys.imageio:imageio-webp");
        } finally {
            webp.forEach(spi -> registry.registerServiceProvider(spi, ImageReaderSpi.class));
        }
    }
}

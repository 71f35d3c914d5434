/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.thumbnails.TestImages.JpegOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Thumbnailer#generate(InputStream, String)} gives exactly what {@link Thumbnailer#generate(byte[], String)}
 * gives, however the bytes arrive: JPEGs several times larger than the decoder's 128 KiB window (so it slides
 * through scan data, restart markers and marker segments), streams that hand out a few bytes per read, and
 * every format. Failures of the stream itself stay I/O failures, not "corrupt image".
 */
class StreamingInputTest {

    private static final Thumbnailer THUMBNAILER = Thumbnailer.builder()
            .spec(ThumbnailSpec.builder().box(200, 200).build())
            .spec(ThumbnailSpec.builder().name("big").box(700, 700).format(OutputFormat.PNG).build())
            .build();

    static Stream<Arguments> jpegs() {
        var noise = TestImages.noise(1400, 1000, 3); // ~1.5 MB: about a dozen windows of scan data
        return Stream.of(
                Arguments.of("baseline 4:2:0", TestImages.jpeg(noise, JpegOptions.baseline420())),
                Arguments.of("baseline 4:4:4, restart every 3 MCUs",
                        TestImages.jpeg(noise, new JpegOptions(false, 1, 1, 3, 0.95f))),
                Arguments.of("progressive", TestImages.jpeg(noise, new JpegOptions(true, 2, 2, 0, 0.9f))),
                Arguments.of("progressive, restart every MCU",
                        TestImages.jpeg(noise, new JpegOptions(true, 2, 1, 1, 0.9f))),
                Arguments.of("a 65,000-byte APP segment across the window's edge",
                        withPadding(TestImages.jpeg(TestImages.scene(900, 600, 4), JpegOptions.baseline420()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jpegs")
    void aStreamedJpegGivesTheSameThumbnailsAsTheWholeFile(String what, byte[] jpeg) {
        ThumbnailSet whole = THUMBNAILER.generate(jpeg, "a.jpg");
        ThumbnailSet streamed = THUMBNAILER.generate(new ByteArrayInputStream(jpeg), "a.jpg");
        ThumbnailSet trickled = THUMBNAILER.generate(new Trickle(jpeg, 11), "a.jpg");
        for (ThumbnailSet set : new ThumbnailSet[] {streamed, trickled}) {
            assertThat(set.source()).isEqualTo(whole.source());
            assertThat(set.decodeScale()).isEqualTo(whole.decodeScale());
            for (int i = 0; i < whole.thumbnails().size(); i++) {
                assertThat(set.thumbnails().get(i).bytes()).isEqualTo(whole.thumbnails().get(i).bytes());
            }
        }
    }

    @Test
    void everyOtherFormatStreamsToo() {
        var image = TestImages.scene(500, 300, 8);
        byte[] png = TestImages.png(image);
        byte[] gif = TestImages.encode(image, "gif");
        byte[] bmp = TestImages.encode(image, "bmp");
        for (byte[] file : new byte[][] {png, gif, bmp, TestImages.resource("images/scene-640x480-lossy.webp")}) {
            ThumbnailSet whole = THUMBNAILER.generate(file, "f");
            ThumbnailSet streamed = THUMBNAILER.generate(new Trickle(file, 5), "f");
            assertThat(streamed.source()).isEqualTo(whole.source());
            assertThat(streamed.thumbnails().get(0).bytes()).isEqualTo(whole.thumbnails().get(0).bytes());
        }
    }

    @Test
    void aJpegVariantLeftToImageIoIsReplayedFromItsFirstByte() {
        // SOF9 (arithmetic) goes to ImageIO after our decoder has read its header off the stream: the bytes it
        // took must be given back, or ImageIO sees a file without its start.
        byte[] relabelled = TestImages.jpeg(TestImages.scene(640, 480, 9), JpegOptions.baseline420());
        int sof = BadInputTest.indexOf(relabelled, (byte) 0xFF, (byte) 0xC0);
        relabelled[sof + 1] = (byte) 0xC9;
        String whole = outcome(() -> THUMBNAILER.generate(relabelled, "sof9.jpg"));
        String streamed = outcome(() -> THUMBNAILER.generate(new Trickle(relabelled, 3), "sof9.jpg"));
        assertThat(streamed).isEqualTo(whole);
    }

    @Test
    void aStreamLongerThanTheLimitIsRefusedWhileReadingWhateverItClaims() {
        byte[] jpeg = TestImages.jpeg(TestImages.noise(1400, 1000, 1), JpegOptions.baseline420());
        int limit = 200_000;
        assertThat(jpeg.length).isGreaterThan(4 * limit);
        Thumbnailer small = THUMBNAILER.toBuilder().maxInputBytes(limit).build();
        CountingStream in = new CountingStream(jpeg);
        assertThatThrownBy(() -> small.generate(in, "big.jpg"))
                .isInstanceOf(ImageTooLargeException.class)
                .hasMessageContaining("big.jpg").hasMessageContaining("more than " + limit + " bytes");
        // Reading stopped within one read of the limit, not at the end of the stream.
        assertThat(in.served).isLessThanOrEqualTo(limit + io.serverless4j.thumbnails.internal.JpegDecoder.WINDOW);
        Thumbnailer tight = THUMBNAILER.toBuilder().maxInputBytes(jpeg.length - 1).build();
        assertThatThrownBy(() -> tight.generate(new ByteArrayInputStream(jpeg), "one-too-many.jpg"))
                .isInstanceOf(ImageTooLargeException.class);
        Thumbnailer exact = THUMBNAILER.toBuilder().maxInputBytes(jpeg.length).build();
        assertThat(exact.generate(new ByteArrayInputStream(jpeg), "fits.jpg").thumbnails()).hasSize(2);
    }

    @Test
    void aFailingStreamIsARetryableReadFailureNotACorruptImage() {
        byte[] jpeg = TestImages.jpeg(TestImages.noise(1200, 900, 2), JpegOptions.baseline420());
        InputStream breaks = new ByteArrayInputStream(jpeg) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                if (pos > jpeg.length / 2) {
                    throw new UncheckedIOException(new IOException("Connection reset"));
                }
                return super.read(b, off, Math.min(len, 4096));
            }
        };
        assertThatThrownBy(() -> THUMBNAILER.generate(breaks, "reset.jpg"))
                .isInstanceOfSatisfying(ImageReadException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.bytesRead()).isPositive();
                    assertThat(e).hasCauseInstanceOf(UncheckedIOException.class);
                })
                .hasMessageContaining("reset.jpg").hasMessageContaining("Connection reset");
        InputStream checked = new ByteArrayInputStream(jpeg) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return pos > 1000 ? fail() : super.read(b, off, Math.min(len, 512));
            }

            private int fail() {
                sneakyThrow(new IOException("Premature end of Content-Length delimited message body"));
                return -1;
            }
        };
        assertThatThrownBy(() -> THUMBNAILER.generate(checked, "short.jpg"))
                .isInstanceOf(ImageReadException.class).hasCauseInstanceOf(IOException.class)
                .hasMessageContaining("Premature end");
    }

    @Test
    void aTruncatedStreamIsATruncatedImage() {
        byte[] jpeg = TestImages.jpeg(TestImages.noise(1000, 800, 5), JpegOptions.baseline420());
        byte[] cut = java.util.Arrays.copyOf(jpeg, jpeg.length * 2 / 3);
        assertThatThrownBy(() -> THUMBNAILER.generate(new ByteArrayInputStream(cut), "cut.jpg"))
                .isInstanceOf(CorruptImageException.class)
                .hasMessageContaining("cut.jpg").hasMessageContaining("truncated");
        assertThatThrownBy(() -> THUMBNAILER.generate(new ByteArrayInputStream(new byte[0]), "empty.jpg"))
                .isInstanceOf(NotAnImageException.class).hasMessageContaining("empty (0 bytes)");
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** Adds a COM segment of 65,000 bytes after SOI, so a marker segment straddles the 128 KiB window twice. */
    private static byte[] withPadding(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        for (int i = 0; i < 3; i++) {
            int length = 65_000;
            out.write(0xFF);
            out.write(0xFE);
            out.write(length >> 8);
            out.write(length & 0xFF);
            byte[] body = new byte[length - 2];
            new Random(i).nextBytes(body);
            for (int j = 0; j < body.length; j++) {
                if (body[j] == (byte) 0xFF) {
                    body[j] = 0; // not needed inside a segment, but keeps a naive marker scan honest
                }
            }
            out.write(body, 0, body.length);
        }
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static String outcome(java.util.function.Supplier<ThumbnailSet> run) {
        try {
            ThumbnailSet set = run.get();
            return "ok " + set.decodeScale() + " " + java.util.Arrays.hashCode(set.thumbnails().get(0).bytes());
        } catch (ThumbnailException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    /** Hands out at most {@code chunk} bytes per read, as a slow network does. */
    static final class Trickle extends ByteArrayInputStream {
        private final int chunk;

        Trickle(byte[] data, int chunk) {
            super(data);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + (pos % chunk)));
        }
    }

    private static final class CountingStream extends ByteArrayInputStream {
        int served;

        CountingStream(byte[] data) {
            super(data);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            served += Math.max(0, n);
            return n;
        }
    }
}

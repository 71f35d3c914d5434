/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.thumbnails.TestImages.JpegOptions;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Every kind of bad input ends in its own typed exception that names the object and the reason. */
class BadInputTest {

    private static final Thumbnailer THUMBNAILER = Thumbnailer.builder()
            .spec(ThumbnailSpec.builder().box(128, 128).build()).maxPixels(50_000_000).build();

    private static final byte[] JPEG = TestImages.jpeg(TestImages.scene(640, 480, 9), JpegOptions.baseline420());

    @Test
    void anEmptyFileIsNotAnImage() {
        assertThatThrownBy(() -> THUMBNAILER.generate(new byte[0], "raw/empty.jpg"))
                .isInstanceOf(NotAnImageException.class)
                .hasMessage("Image raw/empty.jpg: the file is empty (0 bytes)");
    }

    @Test
    void textIsNotAnImage() {
        byte[] text = "hello, this is not a picture".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> THUMBNAILER.generate(text, "raw/notes.jpg"))
                .isInstanceOf(NotAnImageException.class)
                .hasMessageContaining("raw/notes.jpg").hasMessageContaining("match no image format");
    }

    @Test
    void tiffAndHeifAreUnsupportedFormats() {
        // WebP: see WebpInputTest (supported with the optional reader, a typed error naming it without).
        byte[] tiff = {'I', 'I', 42, 0, 8, 0, 0, 0};
        byte[] heic = "\0\0\0\u0018ftypheic".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> THUMBNAILER.generate(tiff, "a.tif")).isInstanceOf(
                UnsupportedImageFormatException.class).hasMessageContaining("TIFF");
        assertThatThrownBy(() -> THUMBNAILER.generate(heic, "a.heic")).isInstanceOf(
                UnsupportedImageFormatException.class).hasMessageContaining("HEIF");
    }

    @Test
    void aLosslessJpegIsUnsupportedByUsAndByTheImageIoFallback() {
        byte[] lossless = JPEG.clone();
        int sof = indexOf(lossless, (byte) 0xFF, (byte) 0xC0);
        lossless[sof + 1] = (byte) 0xC3;
        assertThatThrownBy(() -> THUMBNAILER.generate(lossless, "raw/lossless.jpg"))
                .isInstanceOf(UnsupportedImageFormatException.class).hasMessageContaining("raw/lossless.jpg");
    }

    @Test
    void aFrameTypeOurDecoderDoesNotHandleGoesToImageIo() {
        // Labelled arithmetic-coded (SOF9) but Huffman inside: ImageIO's decoder takes it, ours hands it over.
        byte[] relabelled = JPEG.clone();
        int sof = indexOf(relabelled, (byte) 0xFF, (byte) 0xC0);
        relabelled[sof + 1] = (byte) 0xC9;
        // JDK 17's ImageIO decodes such a file; JDK 25's refuses arithmetic-coded frames outright. Either way the
        // file must have gone to ImageIO: decoded at its scale, or refused with ImageIO named in a typed error.
        ThumbnailSet set;
        try {
            set = THUMBNAILER.generate(relabelled, "raw/sof9.jpg");
        } catch (CorruptImageException refusedByImageIo) {
            org.assertj.core.api.Assertions.assertThat(refusedByImageIo)
                    .hasMessageContaining("raw/sof9.jpg").hasMessageContaining("ImageIO cannot decode it");
            return;
        }
        org.assertj.core.api.Assertions.assertThat(set.decodeScale()).isEqualTo(2); // ImageIO, then 2x2 cells averaged
        org.assertj.core.api.Assertions.assertThat(set.thumbnails().get(0).width()).isEqualTo(128);
    }

    @Test
    void aPngBombIsRefusedFromItsHeaderBeforeAnyPixelIsDecoded() {
        // A real bomb: 30000 x 30000 gray pixels, all zero, deflated to about 1 MB. Decoding it would need 3.6 GB
        // as ARGB; the test JVM has far less, so reaching the decoder would fail with OutOfMemoryError instead.
        byte[] bomb = pngBomb(30_000, 30_000);
        assertThatThrownBy(() -> THUMBNAILER.generate(bomb, "raw/bomb.png"))
                .isInstanceOf(ImageTooLargeException.class)
                .hasMessageContaining("raw/bomb.png: the header says 30000x30000 pixels (900.0 MP); the limit is "
                        + "50.0 MP");
    }

    @Test
    void aJpegClaimingHugeDimensionsIsRefusedFromItsHeader() {
        byte[] huge = JPEG.clone();
        int sof = indexOf(huge, (byte) 0xFF, (byte) 0xC0);
        huge[sof + 5] = (byte) 0xEA; // height 60000
        huge[sof + 6] = (byte) 0x60;
        huge[sof + 7] = (byte) 0xEA; // width 60000
        huge[sof + 8] = (byte) 0x60;
        assertThatThrownBy(() -> THUMBNAILER.generate(huge, "raw/huge.jpg"))
                .isInstanceOf(ImageTooLargeException.class).hasMessageContaining("60000x60000");
    }

    @Test
    void anInputOverTheByteLimitIsRefused() {
        Thumbnailer small = THUMBNAILER.toBuilder().maxInputBytes(1000).build();
        assertThatThrownBy(() -> small.generate(JPEG, "raw/big.jpg"))
                .isInstanceOf(ImageTooLargeException.class)
                .hasMessageContaining("the file is " + JPEG.length + " bytes; the limit is 1000 bytes");
    }

    @Test
    void aTruncatedJpegIsCorruptAndSaysTruncated() {
        for (boolean progressive : new boolean[] {false, true}) {
            byte[] full = TestImages.jpeg(TestImages.scene(640, 480, 9),
                    new JpegOptions(progressive, 2, 2, 0, 0.9f));
            int sos = indexOf(full, (byte) 0xFF, (byte) 0xDA);
            // Cut in the middle of the first scan's data.
            byte[] cut = Arrays.copyOf(full, sos + (full.length - sos) / (progressive ? 8 : 2));
            assertThatThrownBy(() -> THUMBNAILER.generate(cut, "raw/cut.jpg"))
                    .isInstanceOf(CorruptImageException.class).hasMessageContaining("raw/cut.jpg: truncated");
            byte[] headersOnly = Arrays.copyOf(full, sos - 10);
            assertThatThrownBy(() -> THUMBNAILER.generate(headersOnly, "raw/cut.jpg"))
                    .isInstanceOf(CorruptImageException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void aTruncatedPngIsCorrupt() {
        byte[] png = TestImages.png(TestImages.scene(300, 200, 1));
        byte[] cut = Arrays.copyOf(png, png.length / 2);
        assertThatThrownBy(() -> THUMBNAILER.generate(cut, "raw/cut.png"))
                .isInstanceOf(CorruptImageException.class).hasMessageContaining("raw/cut.png");
    }

    @Test
    void corruptHuffmanDataIsReportedAsSuch() {
        byte[] corrupt = JPEG.clone();
        int sos = indexOf(corrupt, (byte) 0xFF, (byte) 0xDA);
        int middle = sos + (corrupt.length - sos) / 2;
        // A run of 1-bits (0xFF, stuffed as FF 00) is no code in any JPEG Huffman table.
        for (int i = 0; i < 64; i += 2) {
            corrupt[middle + i] = (byte) 0xFF;
            corrupt[middle + i + 1] = 0;
        }
        assertThatThrownBy(() -> THUMBNAILER.generate(corrupt, "raw/corrupt.jpg"))
                .isInstanceOf(CorruptImageException.class)
                .hasMessageContaining("raw/corrupt.jpg: corrupt Huffman data");
    }

    @Test
    void absurdExifIsReportedAsInvalidMetadata() {
        // IFD0 claims 65535 entries in a 26-byte block.
        byte[] absurdCount = TestImages.insertApp1Exif(JPEG, new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0,
            (byte) 0xFF, (byte) 0xFF, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> THUMBNAILER.generate(absurdCount, "raw/exif.jpg"))
                .isInstanceOf(CorruptImageException.class)
                .hasMessageContaining("raw/exif.jpg: invalid EXIF metadata (IFD0 claims 65535 entries");
        // IFD0 offset far outside the segment.
        byte[] absurdOffset = TestImages.insertApp1Exif(JPEG, new byte[] {'M', 'M', 0, 42, 0x7F, 0, 0, 0});
        assertThatThrownBy(() -> THUMBNAILER.generate(absurdOffset, "raw/exif.jpg"))
                .isInstanceOf(CorruptImageException.class).hasMessageContaining("IFD0 offset");
        byte[] orientation42 = TestImages.withOrientation(JPEG, 42, true);
        assertThatThrownBy(() -> THUMBNAILER.generate(orientation42, "raw/exif.jpg"))
                .isInstanceOf(CorruptImageException.class).hasMessageContaining("orientation 42 is not 1..8");
    }

    static int indexOf(byte[] data, byte a, byte b) {
        for (int i = 0; i + 1 < data.length; i++) {
            if (data[i] == a && data[i + 1] == b) {
                return i;
            }
        }
        throw new AssertionError("marker not found");
    }

    static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] row = new byte[width + 1]; // filter byte 0 + zero pixels
        byte[] buffer = new byte[64 * 1024];
        for (int y = 0; y < height; y++) {
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                idat.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            idat.write(buffer, 0, deflater.deflate(buffer));
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}

/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import io.serverless4j.thumbnails.internal.BadImageData;
import io.serverless4j.thumbnails.internal.ImageInput;
import io.serverless4j.thumbnails.internal.ImageIoCodec;
import io.serverless4j.thumbnails.internal.JpegDecoder;
import io.serverless4j.thumbnails.internal.Orientation;
import io.serverless4j.thumbnails.internal.PngDecoder;
import io.serverless4j.thumbnails.internal.Pixels;
import io.serverless4j.thumbnails.internal.Resampler;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Makes thumbnails from image bytes, with no AWS involved: header first (refusing images over the pixel limit
 * before decoding any pixel), then one decode at the smallest scale that keeps at least twice each thumbnail's
 * size (JPEG: 1/2, 1/4 or 1/8 straight from the DCT coefficients), then for each spec a Lanczos3 resample, the
 * EXIF orientation and the encoder.
 *
 * <pre>{@code
 * static final Thumbnailer THUMBNAILER = Thumbnailer.builder()
 *         .spec(ThumbnailSpec.builder().box(256, 256).build())
 *         .spec(ThumbnailSpec.builder().box(1024, 1024).build())
 *         .build();
 * ThumbnailSet set = THUMBNAILER.generate(bytes, "photos/cat.jpg");
 * }</pre>
 *
 * <p>Memory: one decoded image at the chosen scale (4 bytes per pixel, plus about as much again while converting
 * color) and the resampled thumbnails; never the full-size image unless a thumbnail needs at least half the
 * source's size. {@link #generate(InputStream, String)} decodes JPEG and PNG as the bytes arrive (a 128 KiB window
 * of a JPEG; a PNG a row at a time), never holding the file; GIF, BMP, WebP and the JPEG variants left to ImageIO
 * are read whole first. See
 * docs/thumbnails.md for the bound.
 *
 * <p>Immutable and thread-safe: build once (a {@code static final} field in a Lambda handler) and call from any
 * thread.
 */
public final class Thumbnailer {

    /** The default pixel limit: 100 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /** The default input size limit: 50 MiB. */
    public static final long DEFAULT_MAX_INPUT_BYTES = 50L * 1024 * 1024;

    private final List<ThumbnailSpec> specs;
    private final long maxPixels;
    private final long maxInputBytes;

    private Thumbnailer(Builder b) {
        this.specs = List.copyOf(b.specs);
        this.maxPixels = b.maxPixels;
        this.maxInputBytes = b.maxInputBytes;
    }

    /**
     * Starts a thumbnailer; at least one spec is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this thumbnailer's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.specs.addAll(specs);
        b.maxPixels = maxPixels;
        b.maxInputBytes = maxInputBytes;
        return b;
    }

    /**
     * The thumbnails this makes, in order.
     *
     * @return the specs
     */
    public List<ThumbnailSpec> specs() {
        return specs;
    }

    /**
     * The pixel limit, checked from the header before decoding.
     *
     * @return the maximum width × height
     */
    public long maxPixels() {
        return maxPixels;
    }

    /**
     * The input size limit.
     *
     * @return the maximum input size in bytes
     */
    public long maxInputBytes() {
        return maxInputBytes;
    }

    /**
     * Reads the header only: format, stored size and EXIF orientation. Decodes no pixel.
     *
     * @param image the file
     * @param name what to call the image in exception messages (e.g. its S3 key)
     * @return the header
     * @throws NotAnImageException when the bytes are empty or not an image
     * @throws UnsupportedImageFormatException for WebP, TIFF, HEIF/AVIF and JPEG variants we cannot decode
     * @throws CorruptImageException when the header is broken (including invalid EXIF)
     * @throws ImageTooLargeException when over {@link #maxInputBytes()} (the pixel limit is checked by
     *     {@link #generate})
     */
    public ImageInfo readInfo(byte[] image, String name) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(name, "name");
        try {
            return header(image, name).info;
        } catch (BadImageData e) {
            throw map(e, name);
        }
    }

    /**
     * Makes every spec's thumbnail from one decode.
     *
     * @param image the file
     * @param name what to call the image in exception messages (e.g. its S3 key)
     * @return the thumbnails, in the order of {@link #specs()}
     * @throws NotAnImageException when the bytes are empty or not an image
     * @throws UnsupportedImageFormatException when the format (or JPEG variant) cannot be decoded
     * @throws ImageTooLargeException when over {@link #maxInputBytes()} or {@link #maxPixels()} (checked before
     *     decoding)
     * @throws CorruptImageException when the data is truncated or corrupt
     */
    public ThumbnailSet generate(byte[] image, String name) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(name, "name");
        long start = System.nanoTime();
        try {
            return generate(header(image, name), name, start);
        } catch (BadImageData e) {
            throw map(e, name);
        }
    }

    /**
     * Makes every spec's thumbnail from one decode, reading the image from a stream (an S3 GetObject body, say)
     * as it decodes: a JPEG or PNG is never held whole (a 128 KiB window of a JPEG, a few rows of a PNG). At most
     * {@link #maxInputBytes()} are read, whatever length the stream claims. The stream is not closed.
     *
     * @param image the file, from its first byte
     * @param name what to call the image in exception messages (e.g. its S3 key)
     * @return the thumbnails, in the order of {@link #specs()}
     * @throws NotAnImageException when the stream is empty or not an image
     * @throws UnsupportedImageFormatException when the format (or JPEG variant) cannot be decoded
     * @throws ImageTooLargeException when the stream has more than {@link #maxInputBytes()} bytes or the header
     *     more than {@link #maxPixels()} pixels (checked before decoding)
     * @throws CorruptImageException when the data is truncated or corrupt
     * @throws ImageReadException when reading the stream fails (not the image's fault: worth a retry)
     */
    public ThumbnailSet generate(InputStream image, String name) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(name, "name");
        long start = System.nanoTime();
        ImageInput input = new ImageInput(image, maxInputBytes);
        try {
            return generate(header(input, name), name, start);
        } catch (BadImageData e) {
            throw map(e, name);
        } catch (ImageInput.ReadFailure e) {
            throw new ImageReadException(name, input.received(), unwrap(e.getCause()));
        }
    }

    /** The stream's own failure: an unchecked one it threw was carried in an IOException. */
    private static Throwable unwrap(java.io.IOException carrier) {
        return carrier.getClass() == java.io.IOException.class && carrier.getCause() instanceof RuntimeException r
                ? r : carrier;
    }

    private ThumbnailSet generate(Header header, String name, long start) {
        ImageInfo info = header.info;
        if (info.pixels() > maxPixels) {
            throw new ImageTooLargeException(name, "the header says " + info.width() + "x" + info.height()
                    + " pixels (" + megapixels(info.pixels()) + " MP); the limit is " + megapixels(maxPixels)
                    + " MP. Nothing was decoded.");
        }
        int scale = info.format() == ImageFormat.JPEG && header.jpeg != null
                ? 1 << jpegScaleLog2(info) : imageIoSubsampling(info);
        Pixels decoded;
        if (header.jpeg != null) {
            decoded = header.jpeg.decode(Integer.numberOfTrailingZeros(scale));
        } else if (header.png != null) {
            decoded = header.png.decode(scale);
        } else {
            decoded = ImageIoCodec.decode(header.bytes, header.imageIoName, scale);
        }
        Pixels upright = Orientation.apply(decoded, info.orientation());
        decoded = null;
        long decoded_ = System.nanoTime();
        List<Thumbnail> thumbnails = new ArrayList<>(specs.size());
        for (ThumbnailSpec spec : specs) {
            thumbnails.add(make(upright, info, spec, scale));
        }
        long end = System.nanoTime();
        return new ThumbnailSet(info, scale, thumbnails, Duration.ofNanos(decoded_ - start),
                Duration.ofNanos(end - start));
    }

    // ------------------------------------------------------------------------------------------- internals

    /** What the header says, and the decoder to use: ours for JPEG and PNG, else ImageIO over the whole file. */
    private static final class Header {
        ImageInfo info;
        JpegDecoder jpeg;
        PngDecoder png;
        String imageIoName;
        byte[] bytes;
    }

    private Header header(byte[] image, String name) {
        if (image.length == 0) {
            throw new NotAnImageException(name, "the file is empty (0 bytes)");
        }
        if (image.length > maxInputBytes) {
            throw new ImageTooLargeException(name, "the file is " + image.length + " bytes; the limit is "
                    + maxInputBytes + " bytes");
        }
        String sniffed = sniff(image, name);
        if (sniffed.equals("jpeg")) {
            JpegDecoder decoder = new JpegDecoder(image);
            return jpegHeader(decoder, decoder.readHeader(), image);
        }
        if (sniffed.equals("png")) {
            return pngHeader(new PngDecoder(new ByteArrayInputStream(image)));
        }
        return imageIoHeader(sniffed, image, name);
    }

    private Header header(ImageInput input, String name) {
        byte[] head = input.peek(32);
        if (head.length == 0) {
            throw new NotAnImageException(name, "the file is empty (0 bytes)");
        }
        String sniffed = sniff(head, name);
        if (sniffed.equals("jpeg")) {
            JpegDecoder decoder = new JpegDecoder(input);
            JpegDecoder.Header jh = decoder.readHeader();
            if (jh.supportedByThisDecoder()) {
                input.forget();
                return jpegHeader(decoder, jh, null);
            }
            return jpegHeader(decoder, jh, input.readAllFromStart());
        }
        if (sniffed.equals("png")) {
            Header h = pngHeader(new PngDecoder(input));
            input.forget();
            return h;
        }
        return imageIoHeader(sniffed, input.readAllFromStart(), name);
    }

    private static Header jpegHeader(JpegDecoder decoder, JpegDecoder.Header jh, byte[] whole) {
        Header h = new Header();
        if (jh.supportedByThisDecoder()) {
            h.jpeg = decoder;
        } else {
            h.imageIoName = "jpeg"; // arithmetic, 12-bit, lossless: ImageIO is the fallback (it mostly fails too)
            h.bytes = whole;
        }
        h.info = new ImageInfo(ImageFormat.JPEG, jh.width(), jh.height(), jh.orientation());
        return h;
    }

    private static Header pngHeader(PngDecoder decoder) {
        PngDecoder.Header ph = decoder.readHeader();
        Header h = new Header();
        h.png = decoder;
        h.info = new ImageInfo(ImageFormat.PNG, ph.width(), ph.height(), 1);
        return h;
    }

    private static Header imageIoHeader(String sniffed, byte[] image, String name) {
        int[] size = ImageIoCodec.size(image, sniffed);
        if (size[0] < 1 || size[1] < 1) {
            throw new CorruptImageException(name, "the header gives a size of " + size[0] + "x" + size[1]);
        }
        Header h = new Header();
        h.imageIoName = sniffed;
        h.bytes = image;
        h.info = new ImageInfo(ImageFormat.valueOf(sniffed.toUpperCase(java.util.Locale.ROOT)), size[0], size[1], 1);
        return h;
    }

    private static String sniff(byte[] d, String name) {
        if (startsWith(d, 0, 0xFF, 0xD8, 0xFF)) {
            return "jpeg";
        }
        if (startsWith(d, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "png";
        }
        if (startsWith(d, 0, 'G', 'I', 'F', '8')) {
            return "gif";
        }
        if (d.length >= 26 && startsWith(d, 0, 'B', 'M')) {
            return "bmp";
        }
        if (startsWith(d, 0, 'R', 'I', 'F', 'F') && startsWith(d, 8, 'W', 'E', 'B', 'P')) {
            if (!ImageIoCodec.canRead("webp")) {
                throw new UnsupportedImageFormatException(name, "WebP needs an ImageIO WebP reader on the "
                        + "classpath (add com.twelvemonkeys.imageio:imageio-webp; see docs/thumbnails.md)");
            }
            return "webp";
        }
        if (startsWith(d, 0, 'I', 'I', 42, 0) || startsWith(d, 0, 'M', 'M', 0, 42)) {
            throw new UnsupportedImageFormatException(name, "TIFF is not supported");
        }
        if (startsWith(d, 4, 'f', 't', 'y', 'p')) {
            throw new UnsupportedImageFormatException(name, "HEIF/AVIF is not supported");
        }
        throw new NotAnImageException(name, "the first bytes match no image format (JPEG, PNG, GIF, BMP, WebP)");
    }

    private static boolean startsWith(byte[] d, int offset, int... magic) {
        if (d.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((d[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** The reduction (output / source, along the tightest axis) each spec needs, in upright coordinates. */
    private static double ratio(ImageInfo info, ThumbnailSpec spec) {
        double sw = info.uprightWidth();
        double sh = info.uprightHeight();
        double rx = spec.width() / sw;
        double ry = spec.height() / sh;
        return switch (spec.fit()) {
            case INSIDE -> Math.min(1.0, Math.min(rx, ry));
            case COVER, EXACT -> Math.max(rx, ry);
        };
    }

    private int jpegScaleLog2(ImageInfo info) {
        int best = 3;
        for (ThumbnailSpec spec : specs) {
            double needed = 2 * ratio(info, spec);
            int k = 0;
            while (k < 3 && 1.0 / (1 << (k + 1)) >= needed) {
                k++;
            }
            best = Math.min(best, k);
        }
        return best;
    }

    private int imageIoSubsampling(ImageInfo info) {
        double needed = 0;
        for (ThumbnailSpec spec : specs) {
            needed = Math.max(needed, 2 * ratio(info, spec));
        }
        return Math.max(1, (int) Math.floor(1.0 / needed));
    }

    private static Thumbnail make(Pixels upright, ImageInfo info, ThumbnailSpec spec, int scale) {
        // The image's true extent in decoded pixels: a partial 8x8 block (or subsampling cell) at the right or
        // bottom edge makes a whole decoded pixel that stands for only part of one.
        double dw = Math.min(upright.width(), info.uprightWidth() / (double) scale);
        double dh = Math.min(upright.height(), info.uprightHeight() / (double) scale);
        int ow = info.uprightWidth();
        int oh = info.uprightHeight();
        int tw;
        int th;
        double cx = 0;
        double cy = 0;
        double cw = dw;
        double ch = dh;
        switch (spec.fit()) {
            case INSIDE -> {
                double s = Math.min(1.0, Math.min((double) spec.width() / ow, (double) spec.height() / oh));
                tw = Math.max(1, Math.min(spec.width(), (int) Math.round(ow * s)));
                th = Math.max(1, Math.min(spec.height(), (int) Math.round(oh * s)));
            }
            case COVER -> {
                tw = spec.width();
                th = spec.height();
                double s = Math.max((double) tw / dw, (double) th / dh);
                cw = Math.min(dw, tw / s);
                ch = Math.min(dh, th / s);
                cx = (dw - cw) / 2;
                cy = (dh - ch) / 2;
            }
            default -> {
                tw = spec.width();
                th = spec.height();
            }
        }
        Pixels out = Resampler.resample(upright, cx, cy, cw, ch, tw, th);
        byte[] bytes = ImageIoCodec.encode(out, spec.format().contentType(), spec.quality());
        return new Thumbnail(spec, tw, th, bytes);
    }

    private static ThumbnailException map(BadImageData e, String name) {
        return switch (e.kind()) {
            case TRUNCATED -> new CorruptImageException(name, "truncated: " + e.getMessage(), e);
            case CORRUPT -> new CorruptImageException(name, e.getMessage(), e);
            case UNSUPPORTED -> new UnsupportedImageFormatException(name, e.getMessage(), e);
            case TOO_LARGE -> new ImageTooLargeException(name, e.getMessage(), e);
        };
    }

    private static String megapixels(long pixels) {
        return String.format(java.util.Locale.ROOT, "%.1f", pixels / 1e6);
    }

    /** Builds a {@link Thumbnailer}. Not thread-safe. */
    public static final class Builder {
        private final List<ThumbnailSpec> specs = new ArrayList<>();
        private long maxPixels = DEFAULT_MAX_PIXELS;
        private long maxInputBytes = DEFAULT_MAX_INPUT_BYTES;

        private Builder() {}

        /**
         * Adds a thumbnail to make.
         *
         * @param spec the spec
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder spec(ThumbnailSpec spec) {
            specs.add(Objects.requireNonNull(spec, "spec"));
            return this;
        }

        /**
         * Replaces the thumbnails to make.
         *
         * @param specs the specs, in order
         * @return this builder
         * @throws NullPointerException when the list or an element is null
         */
        public Builder specs(List<ThumbnailSpec> specs) {
            List<ThumbnailSpec> copy = List.copyOf(specs);
            this.specs.clear();
            this.specs.addAll(copy);
            return this;
        }

        /**
         * The pixel limit (width × height), checked from the header before anything is decoded.
         *
         * @param maxPixels at least 1; default 100 megapixels
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder maxPixels(long maxPixels) {
            if (maxPixels < 1) {
                throw new IllegalArgumentException("maxPixels must be at least 1, was " + maxPixels);
            }
            this.maxPixels = maxPixels;
            return this;
        }

        /**
         * The input size limit.
         *
         * @param maxInputBytes at least 1; default 50 MiB
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder maxInputBytes(long maxInputBytes) {
            if (maxInputBytes < 1) {
                throw new IllegalArgumentException("maxInputBytes must be at least 1, was " + maxInputBytes);
            }
            this.maxInputBytes = maxInputBytes;
            return this;
        }

        /**
         * Builds the thumbnailer.
         *
         * @return the immutable thumbnailer
         * @throws IllegalStateException when there is no spec, or two specs share a name
         */
        public Thumbnailer build() {
            if (specs.isEmpty()) {
                throw new IllegalStateException("at least one spec(...) is required");
            }
            Set<String> names = new HashSet<>();
            for (ThumbnailSpec spec : specs) {
                if (!names.add(spec.name())) {
                    throw new IllegalStateException("two specs are named '" + spec.name() + "'; names make the "
                            + "output keys, so they must differ");
                }
            }
            return new Thumbnailer(this);
        }
    }
}

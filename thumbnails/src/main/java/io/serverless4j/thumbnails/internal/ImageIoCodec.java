/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The formats we leave to the JDK's ImageIO (PNG, GIF, BMP, and JPEG variants our decoder does not handle), and
 * every encoder. Stateless and thread-safe (each call makes its own reader or writer).
 */
public final class ImageIoCodec {

    /**
     * Up to this many pixels an ImageIO image is decoded whole (then box-averaged down a row at a time); above it,
     * in subsampled, averaged passes, so that no full-size buffer is made.
     */
    public static final long WHOLE_DECODE_MAX_PIXELS = 16_000_000L;

    private ImageIoCodec() {}

    /**
     * Whether an ImageIO reader for the format is on the classpath (WebP needs a plug-in such as TwelveMonkeys').
     *
     * @param formatName ImageIO's format name
     * @return true when ImageIO can read it
     */
    public static boolean canRead(String formatName) {
        return ImageIO.getImageReadersByFormatName(formatName).hasNext();
    }

    /**
     * The stored size from the header alone.
     *
     * @param data the file
     * @param formatName ImageIO's format name ({@code png}, {@code gif}, {@code bmp}, {@code jpeg})
     * @return {width, height}
     */
    public static int[] size(byte[] data, String formatName) {
        ImageReader reader = reader(data, formatName);
        try {
            return new int[] {reader.getWidth(0), reader.getHeight(0)};
        } catch (IOException | RuntimeException e) {
            throw map(e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Decodes the first image at 1/{@code subsampling} of its size. Up to {@link #WHOLE_DECODE_MAX_PIXELS}, a
     * whole decode, then each {@code subsampling}² cell averaged. Above it, each output pixel is the average of
     * four samples spread over its cell (for 2, exactly its 2×2 cell), read in four subsampled passes, so no
     * full-size buffer is ever allocated and fine detail does not alias as badly as with one sample per cell.
     *
     * @param data the file
     * @param formatName ImageIO's format name
     * @param subsampling 1 for a whole decode
     * @return the pixels
     */
    public static Pixels decode(byte[] data, String formatName, int subsampling) {
        try {
            if (subsampling <= 1) {
                return toPixels(read(data, formatName, 1, 0, 0));
            }
            int[] full = size(data, formatName);
            if ((long) full[0] * full[1] <= WHOLE_DECODE_MAX_PIXELS) {
                return boxAverage(read(data, formatName, 1, 0, 0), subsampling);
            }
            int[] offsets = subsampling == 2 ? new int[] {0, 1}
                    : new int[] {subsampling / 4, (3 * subsampling) / 4};
            int maxOffset = offsets[offsets.length - 1];
            int width = Math.max(1, (full[0] - maxOffset + subsampling - 1) / subsampling);
            int height = Math.max(1, (full[1] - maxOffset + subsampling - 1) / subsampling);
            long[] sums = new long[width * height * 4];
            boolean alpha = false;
            int passes = 0;
            for (int oy : offsets) {
                for (int ox : offsets) {
                    Pixels pass = toPixels(read(data, formatName, subsampling, ox, oy));
                    alpha |= pass.hasAlpha();
                    int h = Math.min(height, pass.height());
                    int w = Math.min(width, pass.width());
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            int p = pass.argb()[y * pass.width() + x];
                            int i = (y * width + x) * 4;
                            // Premultiplied, so transparent samples do not add their color.
                            int a = p >>> 24;
                            sums[i] += ((p >> 16) & 0xFF) * a;
                            sums[i + 1] += ((p >> 8) & 0xFF) * a;
                            sums[i + 2] += (p & 0xFF) * a;
                            sums[i + 3] += a;
                        }
                    }
                    passes++;
                }
            }
            int[] argb = new int[width * height];
            for (int i = 0; i < argb.length; i++) {
                long a = sums[i * 4 + 3];
                if (a == 0) {
                    continue;
                }
                int r = (int) ((sums[i * 4] + a / 2) / a);
                int g = (int) ((sums[i * 4 + 1] + a / 2) / a);
                int b = (int) ((sums[i * 4 + 2] + a / 2) / a);
                int alphaOut = (int) ((a + passes / 2) / passes);
                argb[i] = alphaOut << 24 | r << 16 | g << 8 | b;
            }
            return new Pixels(argb, width, height, alpha);
        } catch (IOException | RuntimeException e) {
            throw map(e);
        }
    }

    /**
     * Averages each {@code factor × factor} cell (premultiplied by alpha; partial cells at the edges average what
     * they have), reading the image a row at a time so no second full-size buffer is made.
     */
    static Pixels boxAverage(BufferedImage image, int factor) {
        int w = image.getWidth();
        int h = image.getHeight();
        int ow = (w + factor - 1) / factor;
        int oh = (h + factor - 1) / factor;
        boolean alpha = image.getColorModel().hasAlpha();
        long[] sums = new long[ow * 4];
        int[] row = new int[w];
        int[] out = new int[ow * oh];
        for (int oy = 0; oy < oh; oy++) {
            java.util.Arrays.fill(sums, 0);
            int y0 = oy * factor;
            int y1 = Math.min(h, y0 + factor);
            for (int y = y0; y < y1; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int p = row[x];
                    int a = p >>> 24;
                    int i = (x / factor) * 4;
                    sums[i] += ((p >> 16) & 0xFF) * a;
                    sums[i + 1] += ((p >> 8) & 0xFF) * a;
                    sums[i + 2] += (p & 0xFF) * a;
                    sums[i + 3] += a;
                }
            }
            for (int ox = 0; ox < ow; ox++) {
                int cells = (y1 - y0) * (Math.min(w, (ox + 1) * factor) - ox * factor);
                long a = sums[ox * 4 + 3];
                if (a == 0) {
                    continue;
                }
                int r = (int) ((sums[ox * 4] + a / 2) / a);
                int g = (int) ((sums[ox * 4 + 1] + a / 2) / a);
                int b = (int) ((sums[ox * 4 + 2] + a / 2) / a);
                int alphaOut = (int) ((a + cells / 2) / cells);
                out[oy * ow + ox] = alphaOut << 24 | r << 16 | g << 8 | b;
            }
        }
        return new Pixels(out, ow, oh, alpha);
    }

    private static BufferedImage read(byte[] data, String formatName, int period, int ox, int oy) throws IOException {
        ImageReader reader = reader(data, formatName);
        try {
            ImageReadParam param = reader.getDefaultReadParam();
            if (period > 1) {
                param.setSourceSubsampling(period, period, ox, oy);
            }
            return reader.read(0, param);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader reader(byte[] data, String formatName) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(formatName);
        if (!readers.hasNext()) {
            throw BadImageData.unsupported("no ImageIO reader for " + formatName);
        }
        ImageReader reader = readers.next();
        ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data));
        reader.setInput(in, true, true);
        return reader;
    }

    private static Pixels toPixels(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean alpha = image.getColorModel().hasAlpha();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        return new Pixels(argb, w, h, alpha);
    }

    static BadImageData map(Exception e) {
        if (e instanceof BadImageData bad) {
            return bad;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError oom) {
                throw oom; // ImageIO wraps it; the heap was too small, which says nothing about the image
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof EOFException || (e.getCause() instanceof EOFException)
                || message.contains("EOF") || message.contains("end of")) {
            return BadImageData.truncated("the file ends early (" + message + ")");
        }
        if (message.contains("Unsupported")) {
            return BadImageData.unsupported(message);
        }
        if (e instanceof IIOException || e instanceof IOException) {
            return BadImageData.corrupt("ImageIO cannot decode it: " + message);
        }
        return BadImageData.corrupt("ImageIO failed on it: " + e);
    }

    /**
     * Encodes with the ImageIO writer for {@code contentType}; JPEG lays transparent pixels over white.
     *
     * @param pixels the image
     * @param contentType {@code image/jpeg}, {@code image/png} or {@code image/webp}
     * @param quality 0..1, for lossy formats
     * @return the encoded file
     */
    public static byte[] encode(Pixels pixels, String contentType, float quality) {
        boolean jpeg = contentType.equals("image/jpeg");
        boolean keepAlpha = !jpeg && pixels.hasAlpha();
        BufferedImage image = new BufferedImage(pixels.width(), pixels.height(),
                keepAlpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        if (!keepAlpha && pixels.hasAlpha()) {
            Graphics2D g = image.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, pixels.width(), pixels.height());
            BufferedImage src = new BufferedImage(pixels.width(), pixels.height(), BufferedImage.TYPE_INT_ARGB);
            src.setRGB(0, 0, pixels.width(), pixels.height(), pixels.argb(), 0, pixels.width());
            g.drawImage(src, 0, 0, null);
            g.dispose();
        } else {
            image.setRGB(0, 0, pixels.width(), pixels.height(), pixels.argb(), 0, pixels.width());
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(contentType);
        if (!writers.hasNext()) {
            throw BadImageData.unsupported("no ImageIO writer for " + contentType);
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (!contentType.equals("image/png") && param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                if (param.getCompressionTypes() != null && param.getCompressionType() == null) {
                    param.setCompressionType(param.getCompressionTypes()[0]);
                }
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}

/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Node;

/** Generated test images, JPEG writing with chosen options, and the reference to compare against. */
public final class TestImages {

    private TestImages() {}

    /** Gradients, a few shapes, text and mild noise: something like a photo, with edges. */
    public static BufferedImage scene(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = x * 255 / width;
                int g = y * 255 / height;
                int b = (x + y) * 255 / (width + height);
                int n = random.nextInt(9) - 4;
                image.setRGB(x, y, clamp(r + n) << 16 | clamp(g + n) << 8 | clamp(b + n));
            }
        }
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(200, 30, 40));
        g.fillOval(width / 8, height / 8, width / 3, height / 3);
        g.setColor(new Color(20, 160, 60));
        g.fillRect(width / 2, height / 2, width / 3, height / 4);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, height / 10)));
        g.drawString("serverless4j", width / 10, height * 9 / 10);
        g.dispose();
        return image;
    }

    /** Uniform random noise: the worst case for aliasing. */
    public static BufferedImage noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    /** A marker image for orientation tests: red top-left quadrant, green top-right, blue bottom-left, white rest. */
    public static BufferedImage quadrants(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean left = x < width / 2;
                boolean top = y < height / 2;
                int rgb = top ? (left ? 0xFF0000 : 0x00FF00) : (left ? 0x0000FF : 0xFFFFFF);
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** JPEG options. */
    public record JpegOptions(boolean progressive, int lumaH, int lumaV, int restartInterval, float quality) {
        public static JpegOptions baseline420() {
            return new JpegOptions(false, 2, 2, 0, 0.9f);
        }
    }

    /** Writes an RGB image as JPEG with ImageIO's writer, with the chosen sampling, restart interval and mode. */
    public static byte[] jpeg(BufferedImage image, JpegOptions options) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(options.quality());
            if (options.progressive()) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                    param);
            String format = "javax_imageio_jpeg_image_1.0";
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
            IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
            IIOMetadataNode sof = (IIOMetadataNode) markers.getElementsByTagName("sof").item(0);
            if (sof != null) {
                for (Node n = sof.getFirstChild(); n != null; n = n.getNextSibling()) {
                    IIOMetadataNode spec = (IIOMetadataNode) n;
                    boolean luma = "1".equals(spec.getAttribute("componentId")) || n == sof.getFirstChild();
                    spec.setAttribute("HsamplingFactor", luma ? Integer.toString(options.lumaH()) : "1");
                    spec.setAttribute("VsamplingFactor", luma ? Integer.toString(options.lumaV()) : "1");
                }
            }
            if (options.restartInterval() > 0) {
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(options.restartInterval()));
                markers.insertBefore(dri, markers.getFirstChild());
            }
            metadata.setFromTree(format, root);
            return write(writer, new IIOImage(image, null, metadata), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /**
     * Writes ink amounts (C, M, Y, K interleaved, 0 = no ink) as Photoshop does: an Adobe APP14 marker, values
     * stored inverted (255 = no ink), and with {@code ycck} the first three channels as YCbCr of the inverted
     * C, M, Y (Adobe transform 2); otherwise transform 0 (plain CMYK). ImageIO's writer stores a 4-band raster as
     * it is given and writes no APP14, so we convert and add the marker ourselves.
     */
    public static byte[] cmykJpeg(byte[] ink, int width, int height, boolean ycck) {
        byte[] stored = new byte[ink.length];
        for (int i = 0; i < ink.length; i += 4) {
            int c = 255 - (ink[i] & 0xFF);
            int m = 255 - (ink[i + 1] & 0xFF);
            int y = 255 - (ink[i + 2] & 0xFF);
            int k = 255 - (ink[i + 3] & 0xFF);
            if (ycck) {
                // libjpeg's CMYK -> YCCK: YCbCr of (255 - C, 255 - M, 255 - Y) of the stored values.
                double r = 255 - c;
                double g = 255 - m;
                double b = 255 - y;
                c = clamp((int) Math.round(0.299 * r + 0.587 * g + 0.114 * b));
                m = clamp((int) Math.round(-0.168736 * r - 0.331264 * g + 0.5 * b + 128));
                y = clamp((int) Math.round(0.5 * r - 0.418688 * g - 0.081312 * b + 128));
            }
            stored[i] = (byte) c;
            stored[i + 1] = (byte) m;
            stored[i + 2] = (byte) y;
            stored[i + 3] = (byte) k;
        }
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(stored, stored.length), width,
                height, width * 4, 4, new int[] {0, 1, 2, 3}, null);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        byte[] plain;
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            plain = write(writer, new IIOImage(raster, null, null), param);
        } finally {
            writer.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0,
            (byte) (ycck ? 2 : 0)});
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Inserts an APP1 Exif segment with one IFD0 entry, Orientation = {@code orientation}, after SOI. */
    public static byte[] withOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        if (littleEndian) {
            tiff.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0,
                (byte) orientation, 0, 0, 0, 0, 0, 0, 0});
        } else {
            tiff.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1,
                0, (byte) orientation, 0, 0, 0, 0, 0, 0});
        }
        return insertApp1Exif(jpeg, tiff.toByteArray());
    }

    /** Inserts an APP1 segment "Exif\0\0" + {@code tiff} after SOI. */
    public static byte[] insertApp1Exif(byte[] jpeg, byte[] tiff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        int length = 2 + 6 + tiff.length;
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** Inserts an ICC profile as APP2 ICC_PROFILE segments after SOI. */
    public static byte[] withIccProfile(byte[] jpeg, byte[] profile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        int chunk = 65519;
        int count = (profile.length + chunk - 1) / chunk;
        for (int i = 0; i < count; i++) {
            int from = i * chunk;
            int n = Math.min(chunk, profile.length - from);
            int length = 2 + 12 + 2 + n;
            out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length});
            out.writeBytes("ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(i + 1);
            out.write(count);
            out.write(profile, from, n);
        }
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the image with ImageIO's writer for the format. */
    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A file under src/test/resources. */
    public static byte[] resource(String path) {
        try (var in = TestImages.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BufferedImage read(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference: ImageIO's full decode, then the JDK's area-averaging downscale. */
    public static BufferedImage areaAverage(BufferedImage full, int width, int height) {
        Image scaled = full.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(scaled, 0, 0, null);
        g.dispose();
        return out;
    }

    /** Mean absolute error over R, G, B, in 0..255 units. */
    public static double meanAbsoluteError(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException("sizes differ: " + a.getWidth() + "x" + a.getHeight() + " vs "
                    + b.getWidth() + "x" + b.getHeight());
        }
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int s = 0; s <= 16; s += 8) {
                    sum += Math.abs(((p >> s) & 0xFF) - ((q >> s) & 0xFF));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    /** PSNR in dB over R, G, B. */
    public static double psnr(BufferedImage a, BufferedImage b) {
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int s = 0; s <= 16; s += 8) {
                    double d = ((p >> s) & 0xFF) - ((q >> s) & 0xFF);
                    sum += d * d;
                }
            }
        }
        double mse = sum / (3.0 * a.getWidth() * a.getHeight());
        return mse == 0 ? 99 : 10 * Math.log10(255 * 255 / mse);
    }
}

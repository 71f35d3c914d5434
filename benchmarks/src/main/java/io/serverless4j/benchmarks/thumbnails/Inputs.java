/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.thumbnails;

import io.serverless4j.benchmarks.thumbnails.ThumbnailBenchmark.Input;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Derives the benchmark inputs from the installed photos with ImageMagick (and, for EXIF and alpha, Java). */
final class Inputs {

    private Inputs() {}

    static List<Input> prepare(Path dir) throws IOException, InterruptedException {
        if (!Files.isDirectory(ThumbnailBenchmark.PHOTOS)) {
            throw new IllegalStateException(ThumbnailBenchmark.PHOTOS + " is missing: install the Debian package "
                    + "mate-backgrounds (apt-cache policy mate-backgrounds; sudo apt-get install mate-backgrounds)");
        }
        Files.createDirectories(dir);
        Path mosaic = dir.resolve("mosaic-24mp.png");
        if (!Files.exists(mosaic)) {
            List<String> command = new ArrayList<>(List.of("montage"));
            for (String photo : ThumbnailBenchmark.MOSAIC) {
                command.add(ThumbnailBenchmark.PHOTOS.resolve(photo).toString());
            }
            command.addAll(List.of("-tile", "3x3", "-geometry", "2000x1333!+0+0", mosaic.toString()));
            run(command);
        }
        Path jpeg24 = dir.resolve("24mp-baseline.jpg");
        Path progressive12 = dir.resolve("12mp-progressive.jpg");
        Path cmyk12 = dir.resolve("12mp-cmyk.jpg");
        Path exif12 = dir.resolve("12mp-exif6.jpg");
        Path png12 = dir.resolve("12mp-alpha.png");
        Path plain12 = dir.resolve("12mp-baseline.jpg");
        if (!Files.exists(jpeg24)) {
            run(List.of("convert", mosaic.toString(), "-sampling-factor", "2x2", "-quality", "92", jpeg24.toString()));
        }
        if (!Files.exists(plain12)) {
            run(List.of("convert", mosaic.toString(), "-resize", "4240x2827!", "-sampling-factor", "2x2",
                    "-quality", "92", plain12.toString()));
        }
        if (!Files.exists(progressive12)) {
            run(List.of("convert", plain12.toString(), "-interlace", "JPEG", "-quality", "92",
                    progressive12.toString()));
        }
        if (!Files.exists(cmyk12)) {
            run(List.of("convert", plain12.toString(), "-colorspace", "CMYK", "-quality", "92", cmyk12.toString()));
        }
        if (!Files.exists(exif12)) {
            // Stored rotated 90° counter-clockwise, tagged orientation 6 ("rotate 90° clockwise to display").
            Path rotated = dir.resolve("12mp-rotated.jpg");
            run(List.of("convert", plain12.toString(), "-rotate", "-90", "-sampling-factor", "2x2", "-quality", "92",
                    rotated.toString()));
            Files.write(exif12, withOrientation(Files.readAllBytes(rotated), 6));
        }
        if (!Files.exists(png12)) {
            BufferedImage rgb = ImageIO.read(plain12.toFile());
            BufferedImage argb = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < rgb.getHeight(); y++) {
                for (int x = 0; x < rgb.getWidth(); x++) {
                    int alpha = 255 - (x * 200 / rgb.getWidth());
                    argb.setRGB(x, y, alpha << 24 | (rgb.getRGB(x, y) & 0xFFFFFF));
                }
            }
            ImageIO.write(argb, "png", png12.toFile());
        }
        return List.of(
                new ThumbnailBenchmark.Input("24mp-baseline.jpg", "24 MP baseline 4:2:0", jpeg24),
                new ThumbnailBenchmark.Input("12mp-baseline.jpg", "12 MP baseline 4:2:0", plain12),
                new ThumbnailBenchmark.Input("12mp-progressive.jpg", "12 MP progressive", progressive12),
                new ThumbnailBenchmark.Input("12mp-cmyk.jpg", "12 MP Adobe CMYK", cmyk12),
                new ThumbnailBenchmark.Input("12mp-exif6.jpg", "12 MP, EXIF orientation 6", exif12),
                new ThumbnailBenchmark.Input("12mp-alpha.png", "12 MP PNG with alpha", png12));
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed (is ImageMagick installed?): " + String.join(" ", command));
        }
    }

    /** Inserts an APP1 Exif segment with IFD0 Orientation = {@code orientation} after SOI. */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
            0, 0, 0, 0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        int length = 2 + 6 + tiff.length;
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length,
            'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}

/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.thumbnails;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** SSIM against ImageMagick's resize of the same input. */
final class Quality {

    private Quality() {}

    /** {@code convert input -auto-orient -colorspace sRGB -resize 256x256 -background white -flatten ref.png}. */
    static BufferedImage imageMagickReference(Path input, Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve(input.getFileName() + ".reference.png");
        if (!out.toFile().exists()) {
            Inputs.run(List.of("convert", input.toString(), "-auto-orient", "-colorspace", "sRGB", "-resize",
                    "256x256", "-background", "white", "-flatten", out.toString()));
        }
        return ImageIO.read(out.toFile());
    }

    /**
     * Mean SSIM of the luma (BT.601) over 8×8 windows with stride 4, on the common area (sizes may differ by a
     * pixel from rounding); transparent pixels are laid over white first, as the reference is.
     */
    static double ssim(BufferedImage a, BufferedImage b) {
        int w = Math.min(a.getWidth(), b.getWidth());
        int h = Math.min(a.getHeight(), b.getHeight());
        double[] x = luma(a, w, h);
        double[] y = luma(b, w, h);
        double c1 = Math.pow(0.01 * 255, 2);
        double c2 = Math.pow(0.03 * 255, 2);
        double sum = 0;
        int windows = 0;
        for (int top = 0; top + 8 <= h; top += 4) {
            for (int left = 0; left + 8 <= w; left += 4) {
                double mx = 0;
                double my = 0;
                for (int j = 0; j < 8; j++) {
                    for (int i = 0; i < 8; i++) {
                        mx += x[(top + j) * w + left + i];
                        my += y[(top + j) * w + left + i];
                    }
                }
                mx /= 64;
                my /= 64;
                double vx = 0;
                double vy = 0;
                double cov = 0;
                for (int j = 0; j < 8; j++) {
                    for (int i = 0; i < 8; i++) {
                        double dx = x[(top + j) * w + left + i] - mx;
                        double dy = y[(top + j) * w + left + i] - my;
                        vx += dx * dx;
                        vy += dy * dy;
                        cov += dx * dy;
                    }
                }
                vx /= 63;
                vy /= 63;
                cov /= 63;
                sum += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                windows++;
            }
        }
        return sum / windows;
    }

    private static double[] luma(BufferedImage image, int w, int h) {
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                double a = (p >>> 24) / 255.0;
                double r = ((p >> 16) & 0xFF) * a + 255 * (1 - a);
                double g = ((p >> 8) & 0xFF) * a + 255 * (1 - a);
                double b = (p & 0xFF) * a + 255 * (1 - a);
                out[y * w + x] = 0.299 * r + 0.587 * g + 0.114 * b;
            }
        }
        return out;
    }
}
